// oidc-provider warns once per load that Node 20 is not its supported runtime; it works (see SETUP-NOTES). Keep the
// test output readable; every other warning passes through.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING: Unsupported runtime')) return;
  warn(...args);
};
