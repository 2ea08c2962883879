import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { VueQueryPlugin } from '@tanstack/vue-query'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { queryClient } from './queryClient'
import './styles.css'

// Element Plus is not installed whole: each component comes with the chunk that uses it (vite.config.ts).
const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(VueQueryPlugin, { queryClient })
app.use(router)

// The first screen's code is fetched while the router's guard checks the session, not after it: one round trip
// less on a slow network (the router imports it again from the browser's module map).
for (const record of router.resolve(window.location.pathname + window.location.search).matched) {
  const view = record.components?.default
  if (typeof view === 'function') void (view as () => Promise<unknown>)()
}
app.mount('#app')
