/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

// The API docs page (/api/v1/docs) loads Swagger UI from the server itself, never from a public CDN:
// the build ships the two files it needs from the pinned swagger-ui-dist package.
function apiDocsAssets(): Plugin {
  const files = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png']
  return {
    name: 'keyhold-api-docs-assets',
    apply: 'build',
    generateBundle() {
      for (const file of files) {
        const source = readFileSync(fileURLToPath(new URL(`./node_modules/swagger-ui-dist/${file}`, import.meta.url)))
        this.emitFile({ type: 'asset', fileName: `api-docs/${file}`, source })
      }
    },
  }
}

export default defineConfig({
  plugins: [vue(), apiDocsAssets()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
