package bbb

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const (
	goldenSecret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
	goldenQuery  = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
)

func TestChecksumGolden(t *testing.T) {
	got := Checksum(SHA1, "create", goldenQuery, goldenSecret)
	if want := "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"; got != want {
		t.Fatalf("golden vector: got %s want %s", got, want)
	}
}

func TestChecksumAlgorithms(t *testing.T) {
	tests := []struct {
		alg    Algorithm
		length int
	}{{SHA1, 40}, {SHA256, 64}, {SHA384, 96}, {SHA512, 128}, {"", 64}}
	for _, tt := range tests {
		t.Run(string(tt.alg), func(t *testing.T) {
			sum := Checksum(tt.alg, "getMeetings", "", "s")
			if len(sum) != tt.length {
				t.Fatalf("len %d, want %d", len(sum), tt.length)
			}
			if a, ok := algorithmForLength(len(sum)); !ok || (tt.alg != "" && a != tt.alg) {
				t.Fatalf("algorithmForLength(%d) = %v", len(sum), a)
			}
		})
	}
}

func TestParseAlgorithm(t *testing.T) {
	tests := []struct {
		in      string
		want    Algorithm
		wantErr bool
	}{{"", SHA256, false}, {"sha1", SHA1, false}, {"SHA-384", SHA384, false}, {"sha512", SHA512, false}, {"md5", "", true}}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAlgorithm(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("ParseAlgorithm(%q) = %q, %v", tt.in, got, err)
			}
		})
	}
}

func TestStripChecksum(t *testing.T) {
	tests := []struct {
		name, raw, rest, sum string
		found                bool
	}{
		{"last", "a=1&b=2&checksum=abc", "a=1&b=2", "abc", true},
		{"first", "checksum=abc&a=1", "a=1", "abc", true},
		{"only", "checksum=abc", "", "abc", true},
		{"param after checksum", "a=1&checksum=abc&redirect=false", "a=1&redirect=false", "abc", true},
		{"missing", "a=1", "a=1", "", false},
		{"empty value", "a=1&checksum=", "a=1", "", true},
		{"name suffix is not checksum", "xchecksum=1&a=2", "xchecksum=1&a=2", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rest, sum, found := StripChecksum(tt.raw)
			if rest != tt.rest || sum != tt.sum || found != tt.found {
				t.Fatalf("StripChecksum(%q) = %q, %q, %v", tt.raw, rest, sum, found)
			}
		})
	}
}

func TestVerifyRequest(t *testing.T) {
	secrets := []string{"old", "new"}
	q := "name=A+B&meetingID=m%201&redirect=false"
	sign := func(alg Algorithm, call, query, secret string) string { return Checksum(alg, call, query, secret) }
	tests := []struct {
		name    string
		req     func() *http.Request
		wantErr error
	}{
		{"GET sha1", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?"+q+"&checksum="+sign(SHA1, "create", q, "new"), nil)
		}, nil},
		{"GET sha256 old secret", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?"+q+"&checksum="+sign(SHA256, "create", q, "old"), nil)
		}, nil},
		{"GET sha384 uppercase", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?"+q+"&checksum="+strings.ToUpper(sign(SHA384, "create", q, "new")), nil)
		}, nil},
		{"GET sha512 checksum in the middle", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?name=A+B&checksum="+sign(SHA512, "create", "name=A+B&meetingID=x", "new")+"&meetingID=x", nil)
		}, nil},
		{"GET no params", func() *http.Request {
			return httptest.NewRequest("GET", "/api/getMeetings?checksum="+sign(SHA256, "getMeetings", "", "new"), nil)
		}, nil},
		{"GET wrong call", func() *http.Request {
			return httptest.NewRequest("GET", "/api/join?"+q+"&checksum="+sign(SHA256, "join", q, "new"), nil)
		}, ErrChecksumMismatch},
		{"GET wrong secret", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?"+q+"&checksum="+sign(SHA256, "create", q, "other"), nil)
		}, ErrChecksumMismatch},
		{"GET re-encoded query fails", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?name=A%20B&checksum="+sign(SHA256, "create", "name=A+B", "new"), nil)
		}, ErrChecksumMismatch},
		{"GET bad length", func() *http.Request {
			return httptest.NewRequest("GET", "/api/create?"+q+"&checksum=abcdef", nil)
		}, ErrChecksumMismatch},
		{"GET missing", func() *http.Request { return httptest.NewRequest("GET", "/api/create?"+q, nil) }, ErrChecksumMissing},
		{"POST form", func() *http.Request {
			form := url.Values{"name": {"A B"}, "meetingID": {"m/1"}}
			form.Set("checksum", sign(SHA256, "create", "meetingID=m%2F1&name=A+B", "new"))
			r := httptest.NewRequest("POST", "/api/create", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, nil},
		{"POST form bad", func() *http.Request {
			form := url.Values{"name": {"A B"}, "checksum": {sign(SHA256, "create", "name=A%20B", "new")}}
			r := httptest.NewRequest("POST", "/api/create", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, ErrChecksumMismatch},
		{"POST with query uses the query", func() *http.Request {
			r := httptest.NewRequest("POST", "/api/create?"+q+"&checksum="+sign(SHA1, "create", q, "new"), strings.NewReader("<modules/>"))
			r.Header.Set("Content-Type", "application/xml")
			return r
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := "create"
			r := tt.req()
			if strings.Contains(r.URL.Path, "getMeetings") {
				call = "getMeetings"
			}
			if err := VerifyRequest(r, call, secrets); !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}
