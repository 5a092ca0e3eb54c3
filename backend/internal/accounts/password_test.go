package accounts

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestPasswordHashAndCheck(t *testing.T) {
	tests := []struct {
		name     string
		password string
	}{
		{"ascii", "correct horse battery staple"},
		{"minimum length", "12345678"},
		{"unicode", "pässwörd-密码-🔑"},
		{"72 bytes", strings.Repeat("p", 72)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash, err := HashPassword(tt.password, bcrypt.MinCost)
			if err != nil {
				t.Fatalf("HashPassword: %v", err)
			}
			if hash == tt.password || strings.Contains(hash, tt.password) {
				t.Fatalf("hash %q contains the password", hash)
			}
			if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost != bcrypt.MinCost {
				t.Fatalf("bcrypt.Cost = %d, %v; want %d", cost, err, bcrypt.MinCost)
			}
			if !CheckPassword(hash, tt.password) {
				t.Fatal("CheckPassword refused the right password")
			}
			for _, wrong := range []string{"", tt.password + "x", strings.ToUpper(tt.password), tt.password[:len(tt.password)-1]} {
				if wrong == tt.password {
					continue
				}
				if CheckPassword(hash, wrong) {
					t.Fatalf("CheckPassword accepted %q", wrong)
				}
			}
			// Hashes are salted: the same password hashes differently.
			again, err := HashPassword(tt.password, bcrypt.MinCost)
			if err != nil {
				t.Fatal(err)
			}
			if again == hash {
				t.Fatal("two hashes of one password are equal: no salt")
			}
		})
	}
}

func TestHashPasswordTooLong(t *testing.T) {
	// bcrypt only reads 72 bytes; longer input must fail, not be truncated.
	if _, err := HashPassword(strings.Repeat("p", maxPasswordBytes+1), bcrypt.MinCost); err == nil {
		t.Fatal("HashPassword accepted a 73-byte password")
	}
}

func TestCheckPasswordBadHash(t *testing.T) {
	for _, hash := range []string{"", "not a hash", "$2a$04$short"} {
		if CheckPassword(hash, "whatever1") {
			t.Fatalf("CheckPassword(%q) accepted", hash)
		}
	}
}

// An unknown email must cost the same bcrypt work as a known one: the dummy
// hash is made at the service's cost, not a cheaper one.
func TestDummyHashUsesTheConfiguredCost(t *testing.T) {
	checkDummy("whatever", 6)
	dummyMu.Lock()
	h := dummyHashes[6]
	dummyMu.Unlock()
	cost, err := bcrypt.Cost(h)
	if err != nil || cost != 6 {
		t.Fatalf("dummy hash cost %d (%v), want 6", cost, err)
	}
}
