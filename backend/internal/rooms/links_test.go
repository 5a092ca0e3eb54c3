package rooms

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

func TestSlugAlphabetLeavesOutLookalikes(t *testing.T) {
	for _, c := range "ilo" {
		if strings.ContainsRune(slugAlphabet, c) {
			t.Errorf("slug alphabet contains %q", c)
		}
	}
	if len(slugAlphabet) != 23 {
		t.Errorf("slug alphabet has %d letters, want 23", len(slugAlphabet))
	}
}

func TestNewSlug(t *testing.T) {
	const class = "[a-hj-km-np-z]"
	re := regexp.MustCompile("^" + class + "{3}-" + class + "{4}-" + class + "{3}$")
	const draws = 1000
	seen := map[string]bool{}
	letters := map[rune]int{}
	for range draws {
		s, err := NewSlug()
		if err != nil {
			t.Fatalf("NewSlug: %v", err)
		}
		if !re.MatchString(s) {
			t.Fatalf("slug %q does not match %s", s, re)
		}
		seen[s] = true
		for _, c := range strings.ReplaceAll(s, "-", "") {
			letters[c]++
		}
	}
	// ~45 bits: a collision among 1000 draws has odds of about 1 in 70 million.
	if len(seen) < draws-1 {
		t.Fatalf("only %d distinct slugs in %d draws", len(seen), draws)
	}
	// 10000 letters over 23 symbols: every letter shows up.
	for _, c := range slugAlphabet {
		if letters[c] == 0 {
			t.Errorf("letter %q never drawn", c)
		}
	}
}

func TestNewModeratorKey(t *testing.T) {
	const draws = 200
	seen := map[string]bool{}
	for range draws {
		k, err := NewModeratorKey()
		if err != nil {
			t.Fatalf("NewModeratorKey: %v", err)
		}
		b, err := base64.RawURLEncoding.DecodeString(k)
		if err != nil {
			t.Fatalf("key %q is not unpadded base64url: %v", k, err)
		}
		if len(b) < 16 {
			t.Fatalf("key %q carries %d bytes, want at least 16 (128 bits)", k, len(b))
		}
		if strings.ContainsAny(k, "+/=") {
			t.Fatalf("key %q is not URL-safe", k)
		}
		seen[k] = true
	}
	if len(seen) != draws {
		t.Fatalf("only %d distinct keys in %d draws", len(seen), draws)
	}
}
