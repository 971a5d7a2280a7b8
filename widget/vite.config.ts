/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/** Where `npm run dev` sends API and WebSocket calls: the gateway (override with SWITCHBOARD_GATEWAY). */
const gateway = process.env.SWITCHBOARD_GATEWAY ?? 'http://127.0.0.1:8080';

// Library build: one self-contained IIFE (no imports, no CSS file; the styles are inlined as a string and adopted
// into the shadow root) named widget/widget.<hash>.js under target/classes/META-INF/resources, so Maven packs it
// into the widget jar and gateway-service serves it. scripts/postbuild.mjs then reads the manifest, writes the
// loader /widget.js with that hash baked in, copies demo/demo.html and checks the size budget.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2020',
    manifest: true,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'SwitchboardWidget',
      fileName: () => 'widget/widget.[hash].js',
    },
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/ws': { target: gateway, ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
