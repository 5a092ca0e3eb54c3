// Package accounts registers and signs in people: bcrypt password hashes,
// short-lived JWT access tokens (HS256 only) and rotating refresh tokens.
package accounts

import (
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// maxPasswordBytes is bcrypt's input limit; longer passwords are refused
// rather than silently truncated.
const maxPasswordBytes = 72

// HashPassword hashes with bcrypt at the given cost.
func HashPassword(password string, cost int) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	return string(h), err
}

// CheckPassword reports whether password matches hash. Passwords longer
// than bcrypt reads are refused: bcrypt would compare only their first 72
// bytes, so "the right password plus anything" would sign in.
func CheckPassword(hash, password string) bool {
	if len(password) > maxPasswordBytes {
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	return err == nil
}

// dummyHashes hold one hash per bcrypt cost, so that signing in with an
// unknown email costs the same bcrypt work as with a known one and the
// answer time does not tell which emails have accounts.
var (
	dummyMu     sync.Mutex
	dummyHashes = map[int][]byte{}
)

func checkDummy(password string, cost int) {
	dummyMu.Lock()
	h, ok := dummyHashes[cost]
	if !ok {
		h, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), cost)
		dummyHashes[cost] = h
	}
	dummyMu.Unlock()
	_ = bcrypt.CompareHashAndPassword(h, []byte(password))
}
