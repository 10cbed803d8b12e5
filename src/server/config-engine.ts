/** The real config engine (src/core/config) as the server's ConfigService. */
import { classifyConfigFile, configCompletions, configHover, configSymbols, validateConfigFile } from '../core/config/index';
import type { ConfigService } from './config-service';

export const CONFIG_ENGINE: ConfigService = {
  classifyConfigFile,
  validateConfigFile,
  configCompletions,
  configHover,
  configSymbols,
};
