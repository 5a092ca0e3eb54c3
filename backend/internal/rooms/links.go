// Package rooms manages rooms, their share links, and joining them.
package rooms

import (
	"crypto/rand"
	"encoding/base64"
	"math/big"
	"strings"
)

// slugAlphabet leaves out letters that are easy to misread (i, l, o) so a
// slug can be read aloud or typed from a projector.
const slugAlphabet = "abcdefghjkmnpqrstuvwxyz"

// NewSlug returns a short readable slug like "abc-defg-hjk" (~45 bits).
func NewSlug() (string, error) {
	var b strings.Builder
	for i, group := range []int{3, 4, 3} {
		if i > 0 {
			b.WriteByte('-')
		}
		for j := 0; j < group; j++ {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(slugAlphabet))))
			if err != nil {
				return "", err
			}
			b.WriteByte(slugAlphabet[n.Int64()])
		}
	}
	return b.String(), nil
}

// NewModeratorKey returns a URL-safe key carrying 192 random bits.
func NewModeratorKey() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
