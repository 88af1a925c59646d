// Whether a dotted name is a domain, a file name or neither: a domain needs a real public suffix (tldts), so
// "file.exe" and "report.pdf" are file names; suffixes that are also common file extensions ("invoice.zip",
// "run.sh") are file names when written as two plain labels, domains when defanged or deeper ("cdn.evil.zip").
import { parse } from "tldts";

/** File extensions analysts meet in reports: executables, scripts, documents, archives, images of disks. */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
	(
		"exe dll sys scr bat cmd ps1 psm1 psd1 vbs vbe js jse wsf wsh hta lnk msi msp msc cpl ocx drv inf reg " +
		"jar class apk ipa dmg pkg elf so dylib ko bin dat tmp log ini cfg conf " +
		"doc docx docm dot dotm xls xlsx xlsm xlsb xll ppt pptx pptm pps rtf pdf odt ods one chm " +
		"zip rar 7z gz tgz bz2 xz tar cab iso img vhd vhdx " +
		"html htm hta php asp aspx jsp py pyc sh pl rb txt csv json xml svg " +
		"png jpg jpeg gif bmp ico mp3 mp4 mov avi"
	).split(" "),
);

/** One or more labels then a suffix, IDN letters allowed; labels exclude dots, so matching is linear. */
const HOST_SHAPE = /^(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,62})?\.)+[\p{L}\p{N}-]{2,63}\.?$/u;
/** A file name: no path separators or characters Windows forbids, and an extension. */
const FILE_SHAPE = /^[^\\/:*?"<>|\s]{1,250}\.([A-Za-z0-9]{1,5})$/;

export type NameKind = "domain" | "filename" | undefined;

/**
 * "domain", "filename" or undefined for `name` (a token trimmed, refanged, without scheme, path or port).
 * `defanged`: the writer marked it as a network value ("evil[.]zip"), so an extension-like suffix is a domain.
 */
export function domainOrFile(name: string, defanged: boolean): NameKind {
	const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
	const isExtension = FILE_EXTENSIONS.has(extension);
	if (HOST_SHAPE.test(name) && hasPublicSuffix(name)) {
		const twoLabels = name.indexOf(".") === name.lastIndexOf(".");
		return isExtension && twoLabels && !defanged ? "filename" : "domain";
	}
	return isExtension && FILE_SHAPE.test(name) ? "filename" : undefined;
}

/** Whether `host` ends in a suffix of the public suffix list (ICANN or private) with a label before it. */
export function hasPublicSuffix(host: string): boolean {
	const parsed = parse(host.toLowerCase(), {
		allowPrivateDomains: true,
		extractHostname: false,
		validateHostname: false,
	});
	return (
		parsed.domain !== null && parsed.domain !== "" && (parsed.isIcann === true || parsed.isPrivate === true)
	);
}
