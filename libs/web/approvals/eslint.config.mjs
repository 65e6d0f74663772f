import { angularProjectConfig } from '../../../eslint.config.mjs';

export default angularProjectConfig();
