import { defineConfig } from 'vitest/config';

// Three tiers, one command each (see README): unit in Node, GPU kernels on Dawn, e2e in Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'kernels',
          include: ['test/kernels/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          // Dawn needs the SwiftShader Vulkan ICD that Debian's chromium ships.
          env: { VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json' },
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
