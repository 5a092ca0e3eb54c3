package accounts

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	testSecret = []byte("0123456789abcdef0123456789abcdef")
	testNow    = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

func testTokens(now time.Time) *Tokens {
	return &Tokens{Secret: testSecret, TTL: 15 * time.Minute, Issuer: "switchboard", Now: func() time.Time { return now }}
}

func TestTokensRoundTrip(t *testing.T) {
	tokens := testTokens(testNow)
	tok, err := tokens.Issue("user-42")
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	if parts := strings.Split(tok, "."); len(parts) != 3 {
		t.Fatalf("token %q is not a compact JWS", tok)
	}
	tests := []struct {
		name string
		at   time.Time
	}{
		{"right away", testNow},
		{"slightly before issue (clock skew)", testNow.Add(-10 * time.Second)},
		{"just before expiry", testNow.Add(15*time.Minute - time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := testTokens(tt.at).Verify(tok)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if sub != "user-42" {
				t.Fatalf("subject %q, want user-42", sub)
			}
		})
	}
}

// sign makes a token with arbitrary method, claims and key.
func sign(t *testing.T, method jwt.SigningMethod, claims jwt.Claims, key any) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

func goodClaims() jwt.RegisteredClaims {
	return jwt.RegisteredClaims{
		Subject:   "user-42",
		Issuer:    "switchboard",
		IssuedAt:  jwt.NewNumericDate(testNow),
		ExpiresAt: jwt.NewNumericDate(testNow.Add(15 * time.Minute)),
	}
}

func TestTokensRefused(t *testing.T) {
	issued, err := testTokens(testNow).Issue("user-42")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(issued, ".")

	tamperedSig := func() string {
		sig := []byte(parts[2])
		// Change the first character: it carries whole bits of the MAC.
		if sig[0] == 'A' {
			sig[0] = 'B'
		} else {
			sig[0] = 'A'
		}
		return parts[0] + "." + parts[1] + "." + string(sig)
	}()
	tamperedPayload := func() string {
		other := strings.Split(sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := goodClaims()
			c.Subject = "admin-1"
			return c
		}(), []byte("another secret, 32 bytes long!!!")), ".")
		// Payload of another token, signature of ours.
		return parts[0] + "." + other[1] + "." + parts[2]
	}()

	tests := []struct {
		name  string
		token string
		at    time.Time
	}{
		{name: "expired", token: issued, at: testNow.Add(15*time.Minute + time.Second)},
		{name: "long expired", token: issued, at: testNow.Add(48 * time.Hour)},
		{name: "not yet valid", token: issued, at: testNow.Add(-time.Hour)},
		{name: "tampered signature", token: tamperedSig, at: testNow},
		{name: "tampered payload", token: tamperedPayload, at: testNow},
		{name: "signature stripped", token: parts[0] + "." + parts[1] + ".", at: testNow},
		{name: "signed with another secret", token: sign(t, jwt.SigningMethodHS256, goodClaims(), []byte("another secret, 32 bytes long!!!")), at: testNow},
		{name: "alg none", token: sign(t, jwt.SigningMethodNone, goodClaims(), jwt.UnsafeAllowNoneSignatureType), at: testNow},
		{name: "HS512 with the same secret", token: sign(t, jwt.SigningMethodHS512, goodClaims(), testSecret), at: testNow},
		{name: "HS384 with the same secret", token: sign(t, jwt.SigningMethodHS384, goodClaims(), testSecret), at: testNow},
		{name: "wrong issuer", token: sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := goodClaims()
			c.Issuer = "someone-else"
			return c
		}(), testSecret), at: testNow},
		{name: "no issuer", token: sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := goodClaims()
			c.Issuer = ""
			return c
		}(), testSecret), at: testNow},
		{name: "no expiry", token: sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := goodClaims()
			c.ExpiresAt = nil
			return c
		}(), testSecret), at: testNow},
		{name: "no subject", token: sign(t, jwt.SigningMethodHS256, func() jwt.RegisteredClaims {
			c := goodClaims()
			c.Subject = ""
			return c
		}(), testSecret), at: testNow},
		{name: "garbage", token: "not.a.token", at: testNow},
		{name: "empty", token: "", at: testNow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := testTokens(tt.at).Verify(tt.token)
			if err == nil {
				t.Fatalf("Verify accepted the token (subject %q)", sub)
			}
			if sub != "" {
				t.Fatalf("Verify returned subject %q with error %v", sub, err)
			}
		})
	}
}

func TestTokensControl(t *testing.T) {
	// The hand-signed good claims are accepted, so the refusals above are
	// due to the one thing each case changes.
	sub, err := testTokens(testNow).Verify(sign(t, jwt.SigningMethodHS256, goodClaims(), testSecret))
	if err != nil || sub != "user-42" {
		t.Fatalf("Verify = %q, %v; want user-42", sub, err)
	}
}
