/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import ElementPlus from 'unplugin-element-plus/vite'

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

// Brotli and gzip copies of every text file worth compressing (name.br, name.gz beside it), written once at build
// time at the highest levels, so the server sends them as they are (api/spa.py) instead of compressing per request.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
const COMPRESS_FROM_BYTES = 1024
const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'keyhold-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => COMPRESSIBLE.test(f) && !f.includes(`${path.sep}.vite${path.sep}`))
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < COMPRESS_FROM_BYTES) return
          const source = await readFile(file)
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            gzipAsync(source, { level: zlibConstants.Z_BEST_COMPRESSION }),
          ])
          // A copy no smaller than the file is never worth sending.
          if (br.length < source.length) await writeFile(`${file}.br`, br)
          if (gz.length < source.length) await writeFile(`${file}.gz`, gz)
        }),
      )
    },
  }
}

// Chunks: few files per page, since each costs a round trip on a slow network (and a browser opens six connections
// to an HTTP/1.1 server), yet a lean sign-in page:
// - framework: Vue, the router, Pinia, vue-i18n, vue-query, the API client: every page needs them;
// - signin: the rest of what main.ts and the login page import (the messages, the sign-in form's Element Plus parts);
// - element-plus and shared: the Element Plus parts and the SPA's own modules that two or more screens use;
// - what one screen alone uses stays in that screen's chunk; ECharts in its own, fetched when a chart is drawn
//   (components/EChart.vue is imported lazily).
// tests/contract/test_delivery_budget.py holds the result to the budgets of issue 21.
const FRAMEWORK = /[\\/]node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify|@tanstack|openapi-fetch)[\\/]/
const ELEMENT_PLUS =
  /[\\/]node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|async-validator|lodash-es|lodash-unified|dayjs|@ctrl|@vueuse|memoize-one|normalize-wheel-es|@sxzz)[\\/]/
const SIGN_IN_ROOTS = ['/src/main.ts', '/src/features/organisation/LoginView.vue']
// Element Plus's index names every component, so it is not followed; a component counts as used where its style is
// imported (the two Element Plus plugins above import one for each component used).
const ELEMENT_PLUS_INDEX = /[\\/]element-plus[\\/]es[\\/](components[\\/])?index\.mjs$/
const ELEMENT_PLUS_STYLE = /^(.*[\\/]element-plus[\\/]es[\\/]components[\\/][^\\/]+[\\/])style[\\/](css|index)\.mjs$/

/** The modules that main.ts and the login page import, followed statically (known once the graph is built). */
function signInModules(): Plugin & { has(id: string): boolean } {
  const modules = new Set<string>()
  return {
    name: 'keyhold-sign-in-modules',
    apply: 'build',
    buildEnd() {
      modules.clear()
      const todo = [...this.getModuleIds()].filter((id) => SIGN_IN_ROOTS.some((root) => id.endsWith(root)))
      while (todo.length) {
        const id = todo.pop()!
        if (modules.has(id) || ELEMENT_PLUS_INDEX.test(id)) continue
        modules.add(id)
        const style = ELEMENT_PLUS_STYLE.exec(id)
        if (style) todo.push(`${style[1]}index.mjs`)
        todo.push(...(this.getModuleInfo(id)?.importedIds ?? []))
      }
    },
    has: (id) => modules.has(id) && !SIGN_IN_ROOTS.some((root) => id.endsWith(root)),
  }
}

const signIn = signInModules()

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: the components a template uses (and v-loading) are imported with their CSS by
    // Components; the function APIs (ElMessage, ElMessageBox ...) are imported by name and get their CSS
    // from ElementPlus. Only third-party components are resolved: the SPA's own are imported explicitly.
    // No components.d.ts: templates type Element Plus tags as they did under app.use(ElementPlus) (loosely).
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
    }),
    ElementPlus({}),
    apiDocsAssets(),
    precompress(),
    signIn,
  ],
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
    // tests/contract/test_delivery_budget.py reads what each page loads from .vite/manifest.json.
    manifest: true,
    // The largest chunk is ECharts' (about 600 KB, 200 KB compressed), fetched only where a chart is drawn.
    chunkSizeWarningLimit: 700,
    // One stylesheet for every screen (about 36 KB compressed), in the page from the start: no request per chunk.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'framework', test: FRAMEWORK, priority: 4 },
            { name: 'signin', test: (id: string) => signIn.has(id), priority: 3 },
            { name: 'element-plus', test: ELEMENT_PLUS, minShareCount: 2, priority: 2 },
            { name: 'shared', test: /[\\/]src[\\/]/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // Components imports Element Plus with its CSS: let Vite (not Node) load those files in component tests.
    server: { deps: { inline: ['element-plus'] } },
  },
})
