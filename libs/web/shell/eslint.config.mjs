import { angularProjectConfig, initialChunkRules } from '../../../eslint.config.mjs';

export default angularProjectConfig({ extra: [initialChunkRules] });
