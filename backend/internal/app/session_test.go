package app_test

import (
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"switchboard/backend/internal/core"
)

// cookieClient posts with a cookie jar so the refresh cookie travels.
func (h *harness) cookieClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

func post(t *testing.T, c *http.Client, url, body string) *http.Response {
	t.Helper()
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestRefreshTokensRotateAndReuseRevokesTheFamily(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	c := h.cookieClient()
	resp := post(t, c, h.base+"/api/v1/auth/login", `{"email":"`+adminEmail+`","password":"`+adminPassword+`"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "sb_refresh" {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("refresh cookie: %+v", cookie)
	}
	first := cookie.Value

	// Refresh rotates the cookie.
	resp = post(t, c, h.base+"/api/v1/auth/refresh", "")
	if resp.StatusCode != 200 {
		t.Fatalf("refresh: %d", resp.StatusCode)
	}
	second := ""
	for _, ck := range resp.Cookies() {
		if ck.Name == "sb_refresh" {
			second = ck.Value
		}
	}
	if second == "" || second == first {
		t.Fatal("refresh token did not rotate")
	}

	// Someone replays the first token: refused, and the family is revoked,
	// so the legitimate second token stops working too.
	replay := func(token string) int {
		req, _ := http.NewRequest("POST", h.base+"/api/v1/auth/refresh", nil)
		req.AddCookie(&http.Cookie{Name: "sb_refresh", Value: token})
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	if got := replay(first); got != 401 {
		t.Fatalf("replayed token: %d", got)
	}
	if got := replay(second); got != 401 {
		t.Fatalf("token of a revoked family: %d", got)
	}

	// Logout revokes: a fresh login's token no longer refreshes after it.
	c2 := h.cookieClient()
	post(t, c2, h.base+"/api/v1/auth/login", `{"email":"`+adminEmail+`","password":"`+adminPassword+`"}`)
	if resp := post(t, c2, h.base+"/api/v1/auth/logout", ""); resp.StatusCode != 204 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp := post(t, c2, h.base+"/api/v1/auth/refresh", ""); resp.StatusCode != 401 {
		t.Fatalf("refresh after logout: %d", resp.StatusCode)
	}
}

func TestLoginIsRateLimited(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	var last response
	for i := 0; i < 12; i++ {
		last = h.do("POST", "/api/v1/auth/login", "", map[string]any{"email": adminEmail, "password": "wrong-password"})
	}
	if last.status != 429 || last.errorCode(t) != core.ERateLimited || last.header.Get("Retry-After") == "" {
		t.Fatalf("12th attempt: %d %s", last.status, last.body)
	}
}

func TestRegistrationClosed(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1, env: map[string]string{"SWITCHBOARD_REGISTRATION": "closed"}})
	r := h.do("POST", "/api/v1/auth/register", "", map[string]any{"email": "x@example.org", "name": "X", "password": "password-1"})
	if r.status != 403 || r.errorCode(t) != core.ERegistrationClosed {
		t.Fatalf("register with closed registration: %d %s", r.status, r.body)
	}
	if cfg := h.mustStatus(h.do("GET", "/api/v1/config", "", nil), 200).json(t); cfg["registration"] != "closed" {
		t.Fatalf("config: %v", cfg)
	}
}

func TestSignedInJoinUsesAccountNameAndStableUserID(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	owner := h.register("Owner")
	guest := h.register("Grace")
	room := h.createRoom(owner, "Room", map[string]any{"anyone_can_start": true})
	var urls []string
	for i := 0; i < 2; i++ {
		r := h.mustStatus(h.do("POST", "/api/v1/join", guest, map[string]any{"slug": slugOf(room), "name": "ignored"}), 200).json(t)
		urls = append(urls, r["join_url"].(string))
	}
	if !strings.Contains(urls[0], "fullName=Grace") || strings.Contains(urls[0], "ignored") {
		t.Fatalf("join URL %s", urls[0])
	}
	uid := func(u string) string {
		i := strings.Index(u, "userID=")
		return strings.SplitN(u[i:], "&", 2)[0]
	}
	if uid(urls[0]) != uid(urls[1]) {
		t.Fatalf("userID not stable: %s vs %s", uid(urls[0]), uid(urls[1]))
	}
	// The owner joining by the attendee link is a moderator.
	if r := h.mustStatus(h.do("POST", "/api/v1/join", owner, map[string]any{"slug": slugOf(room)}), 200).json(t); r["role"] != "MODERATOR" {
		t.Fatalf("owner role %v", r["role"])
	}
}

func TestAskModeratorMakesAnonymousAttendeesGuests(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	owner := h.register("Owner")
	member := h.register("Member")
	room := h.createRoom(owner, "Lobby room", map[string]any{"guest_policy": "ASK_MODERATOR", "anyone_can_start": true})
	anon := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Stranger"}), 200).json(t)
	if !strings.Contains(anon["join_url"].(string), "guest=true") {
		t.Fatalf("anonymous attendee is not a guest: %s", anon["join_url"])
	}
	signed := h.mustStatus(h.do("POST", "/api/v1/join", member, map[string]any{"slug": slugOf(room)}), 200).json(t)
	if strings.Contains(signed["join_url"].(string), "guest=true") {
		t.Fatalf("signed-in attendee joins as guest: %s", signed["join_url"])
	}
}
