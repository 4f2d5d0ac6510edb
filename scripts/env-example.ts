// Writes .env.example from the variables the code reads: `npm run env:example`.
import { writeFileSync } from 'node:fs';
import { renderEnvExample } from '../src/env-docs.js';

writeFileSync(new URL('../.env.example', import.meta.url), renderEnvExample());
