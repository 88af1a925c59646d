// Public face of config/: the schema, its type and the loader.
export { CONFIG_FILE_NAME, type ConfigOverrides, loadConfig, resolveDataDir } from "./load.ts";
export { type Config, type ConfigFile, configSchema, LOG_LEVELS } from "./schema.ts";
