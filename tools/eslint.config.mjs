import baseConfig from '../eslint.config.mjs';

export default [...baseConfig, { ignores: ['bench/.cache/**', 'bench/results/**'] }];
