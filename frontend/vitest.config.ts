import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests cover plain TypeScript modules; the Svelte plugin compiles the runes of
// `*.svelte.ts` modules (e.g. src/lib/resource.svelte.ts). No PWA plugin is needed.
export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
