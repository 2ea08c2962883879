import { readonly, ref, type Ref } from 'vue'

/** Below this width the office is laid out for a phone (styles.css uses the same breakpoint). */
export const PHONE_MEDIA_QUERY = '(max-width: 767.98px)'

let phone: Ref<boolean> | undefined

/**
 * True while the window is phone-sized: the sidebar becomes a drawer, dialogs go full screen, form labels
 * go on top and the busiest lists render as cards. One media-query listener serves every caller.
 */
export function useIsPhone(): Readonly<Ref<boolean>> {
  if (!phone) {
    const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(PHONE_MEDIA_QUERY) : null
    const state = ref(query?.matches ?? false)
    query?.addEventListener('change', (e) => (state.value = e.matches))
    phone = state
  }
  return readonly(phone)
}
