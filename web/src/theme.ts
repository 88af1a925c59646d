// The Mantine theme, with colours that pass WCAG 2.1 AA contrast (4.5:1) wherever the UI puts text (D68).
import {
	type CSSVariablesResolver,
	createTheme,
	DEFAULT_THEME,
	darken,
	luminance,
	type MantineColorsTuple,
} from "@mantine/core";

/**
 * Shades 7 and 8 of a palette darkened until their relative luminance is at most 0.12 (white text on them, and they
 * as text on white, ≥ 6:1), shade 9 — the light variant's text — to 0.09, so that it stays ≥ 4.5:1 on the pale
 * shades 1–3 behind it (a light button at rest, under the pointer, pressed). Mantine's own shades fail these for
 * green, teal, cyan, orange, yellow and lime (white on green-8 3.4:1, orange-9 on orange-1 3.6:1), and the tests
 * caught 4.1:1 on orange-2 and 4.3:1 on blue-3 at a single 0.15 and 0.12 bound.
 */
function readablePalette(palette: MantineColorsTuple): MantineColorsTuple {
	const shades = palette.map((shade, index) => {
		let readable = shade;
		const most = index === 9 ? 0.09 : 0.12;
		while (index >= 7 && luminance(readable) > most) readable = darken(readable, 0.05);
		return readable;
	});
	return shades as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
	Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [name, readablePalette(palette)]),
);

/**
 * Filled and outline components use shade 8 (white on Mantine's default blue-6 is 3.6:1); text on any filled
 * colour is black or white by the colour's luminance, at the threshold (0.179) where both reach 4.5:1.
 */
export const theme = createTheme({
	primaryColor: "blue",
	primaryShade: { light: 8, dark: 8 },
	colors,
	autoContrast: true,
	luminanceThreshold: 0.179,
	defaultRadius: "sm",
	fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
	fontFamilyMonospace: "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
});

/** Dimmed text (hints, descriptions, captions) at 6:1 on white instead of Mantine's gray-6 at 3.3:1, errors likewise. */
export const readableVariables: CSSVariablesResolver = () => ({
	variables: {},
	light: {
		"--mantine-color-dimmed": "#5c636a",
		"--mantine-color-placeholder": "#6c737a",
		// A field's error in red-8 (≥ 6:1) rather than red-6 (3.3:1).
		"--mantine-color-error": "var(--mantine-color-red-8)",
	},
	dark: {},
});
