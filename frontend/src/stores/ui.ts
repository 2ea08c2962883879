import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { i18n, initialLocale, LOCALE_STORAGE_KEY, type Locale } from '@/i18n'

/** UI-only state (server state lives in vue-query). */
export const useUiStore = defineStore('ui', () => {
  const locale = ref<Locale>(initialLocale())
  const sidebarCollapsed = ref(false)

  function applyLocale(l: Locale) {
    i18n.global.locale.value = l
    if (typeof document !== 'undefined') {
      document.documentElement.lang = l
      document.title = i18n.global.t('app.name')
    }
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, l)
    } catch {
      /* storage unavailable */
    }
  }
  applyLocale(locale.value)
  watch(locale, applyLocale)

  function setLocale(l: Locale) {
    locale.value = l
  }

  return { locale, sidebarCollapsed, setLocale }
})
