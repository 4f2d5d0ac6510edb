// Writes README.md's provider table from the provider definitions: `npm run readme:providers`.
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeWithProviderTable } from '../commands/capabilities.js';
import { providerDefinitions } from '../src/providers/registry.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, readmeWithProviderTable(readFileSync(readme, 'utf8'), providerDefinitions));
