import { defineConfig } from 'vitest/config';

// Unit tests cover plain TypeScript modules; no Svelte/PWA plugins are needed.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
