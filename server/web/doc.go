// Package web serves the demo page of the entity-extraction service: one
// HTML page, its style sheet and its script, embedded in the binary (no CDN,
// no build step), with a text box prefilled with a sample news article. The
// page calls the HTTP/JSON API (POST /v1/extract, with UTF-16 offsets so
// that they index JavaScript strings directly) and shows the text with every
// mention highlighted by type, lists of the people, places and organizations
// with their mention counts, the money amounts with their exact values, and
// the quotations with their speakers.
//
// Basic usage, in front of the API handler:
//
//	api, err := server.NewGateway(ctx, conn, maxBytes)
//	if err != nil { ... }
//	http.Serve(lis, web.Mount(api))
//
// [Mount] serves the page at "/" and its files under "/demo/", and passes
// every other request to the API handler.
package web
