import { angularProjectConfig, initialChunkRules } from '../../eslint.config.mjs';

export default angularProjectConfig({ prefix: 'app', extra: [initialChunkRules] });
