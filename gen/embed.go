// Package gen holds the code and documents generated from proto/ by
// `buf generate` (see buf.gen.yaml): Go in gen/go, OpenAPI v2 in
// gen/openapi. This file is the only one written by hand: it embeds the
// OpenAPI document so that the server can serve it.
package gen

import _ "embed"

// OpenAPI is the OpenAPI v2 (Swagger) document of the HTTP/JSON API.
//
//go:embed openapi/entityextraction.swagger.json
var OpenAPI []byte
