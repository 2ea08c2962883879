import type { Directive } from 'vue'

const OBSERVER = Symbol('rowTestidObserver')
type El = HTMLElement & { [OBSERVER]?: MutationObserver; __rowTestid?: string }

function apply(el: El) {
  const id = el.__rowTestid
  if (!id) return
  el.querySelectorAll('tbody tr.el-table__row').forEach((tr) => {
    if (tr.getAttribute('data-testid') !== id) tr.setAttribute('data-testid', id)
  })
}

/**
 * `v-row-testid="'customer-row'"` on an <el-table>: gives every body row a
 * data-testid (el-table has no per-row attribute API). Rows that el-table adds
 * later are tagged too.
 */
export const vRowTestid: Directive<El, string> = {
  mounted(el, binding) {
    el.__rowTestid = binding.value
    apply(el)
    const mo = new MutationObserver(() => apply(el))
    mo.observe(el, { childList: true, subtree: true })
    el[OBSERVER] = mo
  },
  updated(el, binding) {
    el.__rowTestid = binding.value
    apply(el)
  },
  unmounted(el) {
    el[OBSERVER]?.disconnect()
  },
}
