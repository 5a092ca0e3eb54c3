// Package migrations embeds the numbered SQL files applied at start-up.
// Applied files are history: add a new file, never edit an old one.
package migrations

import "embed"

// FS holds NNNN_name.sql files, applied in name order.
//
//go:embed *.sql
var FS embed.FS
