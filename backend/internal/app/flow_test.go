package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// The whole path a teacher and a guest take, through the HTTP API alone.
func TestRegisterCreateRoomAndJoinWithRoles(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")

	room := h.createRoom(owner, "Biology 101", nil)
	if !strings.HasPrefix(room["attendee_url"].(string), "http://switchboard.test/r/") ||
		!strings.HasPrefix(room["moderator_url"].(string), "http://switchboard.test/m/") {
		t.Fatalf("links: %v %v", room["attendee_url"], room["moderator_url"])
	}
	settings := room["settings"].(map[string]any)
	if settings["guest_policy"] != "ALWAYS_ACCEPT" {
		t.Fatalf("default guest policy = %v in %s", settings["guest_policy"], mustJSON(room))
	}

	// Public lookup never shows the moderator key.
	pub := h.mustStatus(h.do("GET", "/api/v1/public/rooms/"+slugOf(room), "", nil), 200)
	if strings.Contains(string(pub.body), moderatorKey(room)) || pub.json(t)["name"] != "Biology 101" || pub.json(t)["running"] != false {
		t.Fatalf("public room: %s", pub.body)
	}

	// A guest before the moderator: wait.
	wait := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 202)
	if wait.json(t)["status"] != "waiting" {
		t.Fatalf("waiting answer: %s", wait.body)
	}

	// The moderator link starts the meeting.
	mod := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room), "name": "Prof. Ada"}), 200).json(t)
	if mod["role"] != "MODERATOR" {
		t.Fatalf("role = %v", mod["role"])
	}
	page := h.followJoin(mod["join_url"].(string))
	if !strings.Contains(page, "Role: MODERATOR") || !strings.Contains(page, "Prof. Ada") {
		t.Fatalf("bbbsim page: %s", page)
	}

	// Now the guest gets in as a viewer, on the same node.
	att := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 200).json(t)
	if att["role"] != "VIEWER" {
		t.Fatalf("role = %v", att["role"])
	}
	if nodeOfJoinURL(t, att["join_url"].(string)) != nodeOfJoinURL(t, mod["join_url"].(string)) {
		t.Fatal("attendee and moderator on different nodes")
	}
	if page := h.followJoin(att["join_url"].(string)); !strings.Contains(page, "Role: VIEWER") {
		t.Fatalf("bbbsim page: %s", page)
	}

	// The no-JS routes redirect straight to the node.
	r := h.do("GET", "/join/"+slugOf(room)+"?name=Bob", "", nil)
	if r.status != http.StatusFound || !strings.Contains(r.header.Get("Location"), "role=VIEWER") {
		t.Fatalf("no-JS attendee join: %d %s", r.status, r.header.Get("Location"))
	}
	r = h.do("GET", "/join/m/"+moderatorKey(room)+"?name=Carol", "", nil)
	if r.status != http.StatusFound || !strings.Contains(r.header.Get("Location"), "role=MODERATOR") {
		t.Fatalf("no-JS moderator join: %d %s", r.status, r.header.Get("Location"))
	}
	r = h.do("GET", "/join/"+slugOf(room), "", nil)
	if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "name") {
		t.Fatalf("no-JS join without a name: %d %s", r.status, r.body)
	}

	// After a poll the room shows running with its people and node.
	h.poll()
	got := h.mustStatus(h.do("GET", "/api/v1/rooms/"+room["id"].(string), owner, nil), 200).json(t)
	if got["running"] != true || got["participant_count"].(float64) != 2 || got["node"] == nil {
		t.Fatalf("room after poll: %s", mustJSON(got))
	}
}

// followJoin fetches the bbbsim page behind a join URL.
func (h *harness) followJoin(joinURL string) string {
	h.t.Helper()
	resp, err := h.http.Get(joinURL)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		h.t.Fatalf("join URL answered %d, want a 302 to the client", resp.StatusCode)
	}
	page, err := http.Get(resp.Header.Get("Location"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer page.Body.Close()
	body, _ := io.ReadAll(page.Body)
	return string(body)
}
