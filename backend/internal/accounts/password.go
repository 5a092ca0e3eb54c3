// Package accounts registers and signs in people: bcrypt password hashes,
// short-lived JWT access tokens (HS256 only) and rotating refresh tokens.
package accounts

import "golang.org/x/crypto/bcrypt"

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

// dummyHash keeps sign-in for unknown emails as slow as for known ones.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), bcrypt.MinCost)

func checkDummy(password string) {
	_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
}
