import { MutationCache, QueryCache, QueryClient } from '@tanstack/vue-query'
import { ProblemError, UnauthorizedError } from '@/api/errors'

type Handler = (e: UnauthorizedError) => void
let onUnauthorized: Handler = () => {}
/** The router registers what a 401 from any query or mutation does (go to the login page). */
export function setUnauthorizedHandler(h: Handler) {
  onUnauthorized = h
}

function handle(e: unknown) {
  if (e instanceof UnauthorizedError) onUnauthorized(e)
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handle }),
  mutationCache: new MutationCache({ onError: handle }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 10_000,
      // Client errors (4xx) will not get better by retrying.
      retry: (count, e) => !(e instanceof ProblemError && e.status < 500) && count < 2,
    },
  },
})
