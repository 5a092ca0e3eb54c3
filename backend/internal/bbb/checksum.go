package bbb

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Algorithm names a checksum hash as BBB's config does (supportedChecksumAlgorithms).
type Algorithm string

const (
	SHA1   Algorithm = "sha1"
	SHA256 Algorithm = "sha256"
	SHA384 Algorithm = "sha384"
	SHA512 Algorithm = "sha512"
)

// ParseAlgorithm accepts the usual spellings ("sha256", "SHA-256"); "" means SHA-256.
func ParseAlgorithm(s string) (Algorithm, error) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "") {
	case "", "sha256":
		return SHA256, nil
	case "sha1":
		return SHA1, nil
	case "sha384":
		return SHA384, nil
	case "sha512":
		return SHA512, nil
	}
	return "", fmt.Errorf("unknown checksum algorithm %q (want sha1, sha256, sha384 or sha512)", s)
}

func (a Algorithm) newHash() hash.Hash {
	switch a {
	case SHA1:
		return sha1.New()
	case SHA384:
		return sha512.New384()
	case SHA512:
		return sha512.New()
	default: // "" and SHA256: the project default
		return sha256.New()
	}
}

// algorithmForLength mirrors bbb-web: the checksum's length picks the hash.
func algorithmForLength(n int) (Algorithm, bool) {
	switch n {
	case 40:
		return SHA1, true
	case 64:
		return SHA256, true
	case 96:
		return SHA384, true
	case 128:
		return SHA512, true
	}
	return "", false
}

// Checksum returns hex(H(call + query + secret)).
func Checksum(alg Algorithm, call, query, secret string) string {
	h := alg.newHash()
	h.Write([]byte(call))
	h.Write([]byte(query))
	h.Write([]byte(secret))
	return hex.EncodeToString(h.Sum(nil))
}

// StripChecksum removes the checksum parameter from the raw query exactly as bbb-web does: plain string
// replacement, so parameters after the checksum stay part of the signed string.
func StripChecksum(rawQuery string) (rest, checksum string, found bool) {
	for _, part := range strings.Split(rawQuery, "&") {
		if v, ok := strings.CutPrefix(part, "checksum="); ok {
			checksum, found = v, true
			break
		}
	}
	if !found {
		return rawQuery, "", false
	}
	rest = strings.Replace(rawQuery, "&checksum="+checksum, "", -1)
	rest = strings.Replace(rest, "checksum="+checksum+"&", "", -1)
	rest = strings.Replace(rest, "checksum="+checksum, "", -1)
	return rest, checksum, true
}

// VerifyRequest checks r's checksum like bbb-web and accepts any of secrets (to allow secret rotation).
// For a POST without URL query it parses the form body (r.ParseForm), so the body is consumed.
func VerifyRequest(r *http.Request, call string, secrets []string) error {
	var query, sum string
	if r.Method == http.MethodPost && r.URL.RawQuery == "" {
		if err := r.ParseForm(); err != nil {
			return ErrChecksumMissing
		}
		sum = r.PostForm.Get("checksum")
		query = FormQuery(r.PostForm)
	} else {
		var found bool
		query, sum, found = StripChecksum(r.URL.RawQuery)
		if !found {
			sum = ""
		}
	}
	if sum == "" {
		return ErrChecksumMissing
	}
	alg, ok := algorithmForLength(len(sum))
	if !ok {
		return ErrChecksumMismatch
	}
	got := []byte(strings.ToLower(sum))
	for _, secret := range secrets {
		want := Checksum(alg, call, query, secret)
		if subtle.ConstantTimeCompare(got, []byte(want)) == 1 {
			return nil
		}
	}
	return ErrChecksumMismatch
}

// FormQuery rebuilds the string bbb-web signs for a form POST: keys sorted,
// checksum skipped, values escaped (space → +).
func FormQuery(form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		if k != "checksum" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range form[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}
