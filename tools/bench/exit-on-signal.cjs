// Preloaded into "ours" only when profiling (`node --cpu-prof -r ...`): SIGUSR2 exits normally, so the profile is written.
process.on('SIGUSR2', () => process.exit(0));
