package accounts

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens issues and checks access tokens. Only HS256 is accepted, so a
// token that names another algorithm (or "none") is refused.
type Tokens struct {
	Secret []byte
	TTL    time.Duration
	Issuer string
	Now    func() time.Time
}

// Claims are the access token's claims: the subject is the user ID.
type Claims struct {
	jwt.RegisteredClaims
}

// Issue returns a signed access token for userID.
func (t *Tokens) Issue(userID string) (string, error) {
	now := t.Now()
	claims := Claims{RegisteredClaims: jwt.RegisteredClaims{
		Subject:   userID,
		Issuer:    t.Issuer,
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now.Add(-30 * time.Second)),
		ExpiresAt: jwt.NewNumericDate(now.Add(t.TTL)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.Secret)
}

// Verify checks signature, algorithm, issuer and expiry and returns the user ID.
func (t *Tokens) Verify(token string) (string, error) {
	var claims Claims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return t.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(t.Issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.Now),
	)
	if err != nil {
		return "", err
	}
	if claims.Subject == "" {
		return "", errors.New("token has no subject")
	}
	return claims.Subject, nil
}
