package app_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"switchboard/backend/internal/core"
)

// Every bad input gets a clear answer naming the problem, and nothing crashes.
func TestBadInputGetsClearAnswers(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	owner := h.register("Owner")
	admin := h.adminToken()
	room := h.createRoom(owner, "Room", nil)
	long := strings.Repeat("x", 201)

	tests := []struct {
		name       string
		method     string
		path       string
		token      string
		body       any
		wantStatus int
		wantCode   string
		wantField  string
	}{
		{"bad email", "POST", "/api/v1/auth/register", "", map[string]any{"email": "not-an-email", "name": "A", "password": "password-1"}, 400, core.EInvalid, "email"},
		{"short password", "POST", "/api/v1/auth/register", "", map[string]any{"email": "a@example.org", "name": "A", "password": "short"}, 400, core.EInvalid, "password"},
		{"empty user name", "POST", "/api/v1/auth/register", "", map[string]any{"email": "b@example.org", "name": " ", "password": "password-1"}, 400, core.EInvalid, "name"},
		{"duplicate email", "POST", "/api/v1/auth/register", "", map[string]any{"email": strings.ToUpper(adminEmail), "name": "A", "password": "password-1"}, 409, core.EConflict, "email"},
		{"malformed JSON", "POST", "/api/v1/auth/register", "", `{"email":`, 400, core.EInvalid, ""},
		{"empty body", "POST", "/api/v1/rooms", owner, "", 400, core.EInvalid, ""},
		{"wrong type", "POST", "/api/v1/rooms", owner, map[string]any{"name": "R", "settings": map[string]any{"max_participants": "many"}}, 400, core.EInvalid, "settings.max_participants"},
		{"empty room name", "POST", "/api/v1/rooms", owner, map[string]any{"name": ""}, 400, core.EInvalid, "name"},
		{"room name over 200 characters", "POST", "/api/v1/rooms", owner, map[string]any{"name": long}, 400, core.EInvalid, "name"},
		{"unknown guest policy", "POST", "/api/v1/rooms", owner, map[string]any{"name": "R", "settings": map[string]any{"guest_policy": "SOMETIMES"}}, 400, core.EInvalid, "settings.guest_policy"},
		{"negative max participants", "PATCH", "/api/v1/rooms/" + room["id"].(string), owner, map[string]any{"settings": map[string]any{"max_participants": -1}}, 400, core.EInvalid, "settings.max_participants"},
		{"oversized body", "POST", "/api/v1/rooms", owner, `{"name":"` + strings.Repeat("a", 2<<20) + `"}`, 413, core.ETooLarge, ""},
		{"node URL not http", "POST", "/api/v1/admin/nodes", admin, map[string]any{"name": "n", "api_url": "ftp://bbb.example.org/bigbluebutton/api", "secret": "s"}, 400, core.EInvalid, "api_url"},
		{"node without secret", "POST", "/api/v1/admin/nodes", admin, map[string]any{"name": "n", "api_url": "https://bbb.example.org/bigbluebutton/api"}, 400, core.EInvalid, "secret"},
		{"node bad state", "POST", "/api/v1/admin/nodes", admin, map[string]any{"name": "n", "api_url": "https://bbb.example.org", "secret": "s", "state": "paused"}, 400, core.EInvalid, "state"},
		{"duplicate node name", "POST", "/api/v1/admin/nodes", admin, map[string]any{"name": "sim-1", "api_url": "https://other.example.org", "secret": "s"}, 409, core.EConflict, "name"},
		{"unknown slug", "GET", "/api/v1/public/rooms/nop-nope-nop", "", nil, 404, core.ENotFound, ""},
		{"unknown moderator key", "GET", "/api/v1/public/moderator/nope", "", nil, 404, core.ENotFound, ""},
		{"join unknown slug", "POST", "/api/v1/join", "", map[string]any{"slug": "nop-nope-nop", "name": "G"}, 404, core.ENotFound, ""},
		{"join without name", "POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room)}, 400, core.EInvalid, "name"},
		{"join with both links", "POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "moderator_key": "x", "name": "G"}, 400, core.EInvalid, "slug"},
		{"malformed room id", "GET", "/api/v1/rooms/not-a-uuid", owner, nil, 404, core.ENotFound, ""},
		{"wrong password", "POST", "/api/v1/auth/login", "", map[string]any{"email": adminEmail, "password": "wrong-password"}, 401, core.EUnauthorized, ""},
		{"unknown route", "GET", "/api/v1/nope", "", nil, 404, core.ENotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.do(tc.method, tc.path, tc.token, tc.body)
			if r.status != tc.wantStatus {
				t.Fatalf("status %d, want %d: %.300s", r.status, tc.wantStatus, r.body)
			}
			if code := r.errorCode(t); code != tc.wantCode {
				t.Fatalf("code %q, want %q", code, tc.wantCode)
			}
			if tc.wantField != "" {
				if _, ok := r.fields(t)[tc.wantField]; !ok {
					t.Fatalf("fields %v do not name %q", r.fields(t), tc.wantField)
				}
			}
		})
	}
}

func TestBadTokensAreRefused(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	good := h.register("Someone")
	me := h.mustStatus(h.do("GET", "/api/v1/me", good, nil), 200).json(t)
	secret := []byte("test-secret-test-secret-test-secret-123")
	claims := jwt.RegisteredClaims{Subject: me["id"].(string), Issuer: "switchboard",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)), IssuedAt: jwt.NewNumericDate(time.Now())}

	expired := claims
	expired.ExpiresAt = jwt.NewNumericDate(time.Now().Add(-time.Minute))
	expiredToken, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, expired).SignedString(secret)
	noneToken, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	hs512Token, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString(secret)
	otherKeyToken, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("another-secret-another-secret-12345"))
	parts := strings.Split(good, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	tamperedPayload := strings.Replace(string(payload), `"sub":"`, `"sub":"0`, 1)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(tamperedPayload)) + "." + parts[2]

	for name, token := range map[string]string{
		"expired": expiredToken, "alg none": noneToken, "other algorithm": hs512Token,
		"other key": otherKeyToken, "tampered": tampered, "garbage": "abc.def.ghi",
	} {
		t.Run(name, func(t *testing.T) {
			r := h.do("GET", "/api/v1/me", token, nil)
			if r.status != 401 || r.errorCode(t) != core.EUnauthorized {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
		})
	}
	t.Run("no token", func(t *testing.T) {
		if r := h.do("GET", "/api/v1/rooms", "", nil); r.status != 401 {
			t.Fatalf("status %d", r.status)
		}
	})
}

func TestAuthorization(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	alice := h.register("Alice")
	bob := h.register("Bob")
	admin := h.adminToken()
	room := h.createRoom(alice, "Alice's room", nil)
	id := room["id"].(string)

	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/rooms/" + id, nil},
		{"PATCH", "/api/v1/rooms/" + id, map[string]any{"name": "Mine now"}},
		{"DELETE", "/api/v1/rooms/" + id, nil},
		{"POST", "/api/v1/rooms/" + id + "/rotate-links", nil},
	} {
		if r := h.do(tc.method, tc.path, bob, tc.body); r.status != 404 {
			t.Fatalf("Bob %s %s: %d %s", tc.method, tc.path, r.status, r.body)
		}
	}
	if list := h.mustStatus(h.do("GET", "/api/v1/rooms", bob, nil), 200).list(t); len(list) != 0 {
		t.Fatalf("Bob sees rooms: %v", list)
	}
	for _, path := range []string{"/api/v1/admin/nodes", "/api/v1/admin/users"} {
		if r := h.do("GET", path, bob, nil); r.status != 403 {
			t.Fatalf("Bob GET %s: %d", path, r.status)
		}
	}
	// Admins see every room; nobody sees a node secret.
	if list := h.mustStatus(h.do("GET", "/api/v1/rooms", admin, nil), 200).list(t); len(list) != 1 {
		t.Fatalf("admin sees %d rooms", len(list))
	}
	nodes := h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200)
	if strings.Contains(string(nodes.body), "sim-secret") || strings.Contains(string(nodes.body), `"secret"`) {
		t.Fatalf("node list leaks the secret: %s", nodes.body)
	}
	created := h.mustStatus(h.do("POST", "/api/v1/admin/nodes", admin, map[string]any{"api_url": "https://bbb9.example.org", "secret": "very-secret-value"}), 201)
	if strings.Contains(string(created.body), "very-secret-value") {
		t.Fatal("created node leaks the secret")
	}
	if created.json(t)["api_url"] != "https://bbb9.example.org/bigbluebutton/api" {
		t.Fatalf("api_url not normalised: %s", created.body)
	}
	// Users list is for admins and has no password hashes.
	users := h.mustStatus(h.do("GET", "/api/v1/admin/users", admin, nil), 200)
	if strings.Contains(string(users.body), "$2a$") || len(users.list(t)) != 3 {
		t.Fatalf("users: %s", users.body)
	}
	// Rotating links kills the old ones.
	rotated := h.mustStatus(h.do("POST", "/api/v1/rooms/"+id+"/rotate-links", alice, nil), 200).json(t)
	if rotated["slug"] == room["slug"] || rotated["moderator_url"] == room["moderator_url"] {
		t.Fatal("links did not change")
	}
	h.mustStatus(h.do("GET", "/api/v1/public/rooms/"+slugOf(room), "", nil), 404)
	h.mustStatus(h.do("GET", "/api/v1/public/moderator/"+moderatorKey(room), "", nil), 404)
	h.mustStatus(h.do("GET", "/api/v1/public/rooms/"+slugOf(rotated), "", nil), 200)
	// The owner deletes it.
	h.mustStatus(h.do("DELETE", "/api/v1/rooms/"+id, alice, nil), 204)
	h.mustStatus(h.do("GET", "/api/v1/rooms/"+id, alice, nil), 404)
}

func TestAdminManagesUsers(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	admin := h.adminToken()
	bob := h.register("Bob")
	me := h.mustStatus(h.do("GET", "/api/v1/me", admin, nil), 200).json(t)
	bobID := h.mustStatus(h.do("GET", "/api/v1/me", bob, nil), 200).json(t)["id"].(string)

	h.mustStatus(h.do("PATCH", "/api/v1/admin/users/"+bobID, bob, map[string]any{"role": "admin"}), 403)
	if r := h.mustStatus(h.do("PATCH", "/api/v1/admin/users/"+bobID, admin, map[string]any{"role": "boss"}), 400); r.fields(t)["role"] == nil {
		t.Fatalf("role error: %s", r.body)
	}
	h.mustStatus(h.do("PATCH", "/api/v1/admin/users/"+me["id"].(string), admin, map[string]any{"role": "user"}), 409)
	h.mustStatus(h.do("DELETE", "/api/v1/admin/users/"+me["id"].(string), admin, nil), 409)
	if got := h.mustStatus(h.do("PATCH", "/api/v1/admin/users/"+bobID, admin, map[string]any{"role": "admin"}), 200).json(t); got["role"] != "admin" {
		t.Fatalf("promote: %v", got)
	}
	h.mustStatus(h.do("GET", "/api/v1/admin/nodes", bob, nil), 200) // the new role applies at once
	h.createRoom(bob, "Bob's room", nil)
	h.mustStatus(h.do("DELETE", "/api/v1/admin/users/"+bobID, admin, nil), 204)
	h.mustStatus(h.do("GET", "/api/v1/me", bob, nil), 401)
	h.mustStatus(h.do("DELETE", "/api/v1/admin/users/"+bobID, admin, nil), 404)
	if rooms := h.mustStatus(h.do("GET", "/api/v1/rooms", admin, nil), 200).list(t); len(rooms) != 0 {
		t.Fatalf("deleted user's rooms remain: %v", rooms)
	}
}
