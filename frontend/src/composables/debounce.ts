import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** A ref that follows `source` after `ms` of quiet. */
export function useDebounced<T>(source: Ref<T>, ms = 300): Ref<T> {
  const out = ref(source.value) as Ref<T>
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(source, (v) => {
    clearTimeout(timer)
    timer = setTimeout(() => (out.value = v), ms)
  })
  onBeforeUnmount(() => clearTimeout(timer))
  return out
}
