#!/usr/bin/env node
import('../dist/cli/main.mjs').then((m) => m.main(process.argv)).catch((err) => {
  console.error(err);
  process.exit(1);
});
