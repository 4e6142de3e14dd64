// Liveness: the process answers. Nothing else is touched, so a slow database never gets the
// process restarted (that is /readyz's business: take it out of rotation instead).
export const loader = () => Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
