/**
 * Forms: building request bodies from edited values (pure helpers) and showing
 * the server's answer on the form (`useFormErrors`: 422 field errors on their
 * fields, 412 stale version handled by the caller, everything else as a message),
 * and submitting a form dialog (`useSubmit`: validate, `saving` while the request runs, errors shown).
 */
import { reactive, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { PreconditionFailedError, ValidationError, describeError } from '@/api/errors'

/** Trimmed string, or null when empty. */
export function blankToNull(v: unknown): unknown {
  if (typeof v === 'string') {
    const t = v.trim()
    return t === '' ? null : t
  }
  return v === undefined ? null : v
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/**
 * A PATCH body: only the keys of `edited` whose (normalised) value differs from `original`.
 * Nested plain objects (characteristics) are compared key by key and sent as the changed subset.
 */
export function changedFields(original: Record<string, unknown>, edited: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, raw] of Object.entries(edited)) {
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const sub = changedFields((original[k] as Record<string, unknown>) ?? {}, raw as Record<string, unknown>)
      if (Object.keys(sub).length) out[k] = sub
      continue
    }
    const v = blankToNull(raw)
    if (!equal(blankToNull(original[k]), v)) out[k] = v
  }
  return out
}

/** A POST body: edited values with blanks dropped (nested objects too; empty ones removed). */
export function nonBlankFields(edited: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, raw] of Object.entries(edited)) {
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const sub = nonBlankFields(raw as Record<string, unknown>)
      if (Object.keys(sub).length) out[k] = sub
      continue
    }
    const v = blankToNull(raw)
    if (v === null) continue
    if (Array.isArray(v) && v.length === 0) continue
    out[k] = v
  }
  return out
}

/**
 * The form field that shows a server error for `field`: the field itself, or
 * the closest shown parent (`tags.3` -> `tags`); null when the form has none.
 */
export function fieldFor(field: string, shown: ReadonlySet<string>): string | null {
  if (!field) return null
  const parts = field.split('.')
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.')
    if (shown.has(candidate)) return candidate
  }
  return null
}

/**
 * Server-side form errors: a reactive map from field path ("phone",
 * "characteristics.designer_count") to message, shown by <FormField>.
 * `fields` lists the paths the form shows; a 422 message for any other field
 * (or none) is added to the pop-up message so it is never lost.
 */
export function useFormErrors(options: { onStale?: () => void; fields?: () => readonly string[] } = {}) {
  const { t } = useI18n()
  const errors = reactive<Record<string, string>>({})

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }

  /** Show an API error: field errors on their fields, the rest as a message. */
  function handle(e: unknown) {
    clear()
    let message = describeError(e, t)
    if (e instanceof ValidationError) {
      const map = e.fieldErrors
      const shown = options.fields ? new Set(options.fields()) : null
      const unshown: string[] = []
      for (const [field, msg] of Object.entries(map)) {
        const target = shown ? fieldFor(field, shown) : field
        if (target === null) unshown.push(field ? `${field}: ${msg}` : msg)
        else errors[target] = errors[target] ? `${errors[target]}; ${msg}` : msg
      }
      if (errors['']) unshown.push(errors[''])
      if (unshown.length) message = `${message} ${unshown.join('; ')}`
    }
    if (e instanceof PreconditionFailedError) options.onStale?.()
    ElMessage({ type: 'error', message, grouping: true, showClose: true })
  }

  return { errors, clear, handle }
}

/** Anything that checks its rules like an el-form; <FormDialog> exposes one. */
export interface Validatable {
  validate(): Promise<boolean>
}

/**
 * Submitting a form: clear the server's errors, check the form's rules, then run `save`
 * with `saving` set; an error it throws is shown by `errors.handle` (see useFormErrors).
 * `save` closes the dialog itself when it is done.
 */
export function useSubmit(
  form: Ref<Validatable | null | undefined>,
  errors: { clear: () => void; handle: (e: unknown) => void },
  save: () => Promise<unknown>,
) {
  const saving = ref(false)

  async function submit() {
    errors.clear()
    const ok = await form.value?.validate()
    if (!ok) return
    saving.value = true
    try {
      await save()
    } catch (e) {
      errors.handle(e)
    } finally {
      saving.value = false
    }
  }

  return { saving, submit }
}
