// Browsers ask every page's origin for /favicon.ico; inside Shopify admin the admin's icon shows anyway.
export const loader = () => new Response(null, { status: 204, headers: { "Cache-Control": "public, max-age=86400" } });
