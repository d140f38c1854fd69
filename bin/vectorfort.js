#!/usr/bin/env node
// The published entry point: runs the CLI's bundle (`npm run build` writes dist/bin/).
import '../dist/bin/vectorfort.js';
