package bbbsim

import (
	"html/template"
	"net/http"
)

// joinPage stands in for the HTML5 client: it shows which node, meeting, person and role a join landed
// on, so browser end-to-end tests can assert on placement.
var joinPage = template.Must(template.New("join").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bbbsim node {{.Node}} - {{.MeetingID}}</title></head>
<body data-node="{{.Node}}" data-meeting-id="{{.MeetingID}}" data-role="{{.Role}}" data-user="{{.FullName}}" data-user-id="{{.UserID}}">
<h1>bbbsim node {{.Node}}</h1>
<p>Meeting: <span id="meeting">{{.MeetingID}}</span></p>
<p>User: <span id="user">{{.FullName}}</span></p>
<p>Role: {{.Role}}</p>
</body>
</html>
`))

func (s *Sim) handleJoinPage(w http.ResponseWriter, r *http.Request, n *node) {
	token := r.URL.Query().Get("sessionToken")
	n.mu.Lock()
	sess, ok := n.sessions[token]
	n.mu.Unlock()
	if !ok {
		http.Error(w, "bbbsim: unknown or expired sessionToken (the meeting may have ended)", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = joinPage.Execute(w, struct {
		Node                              int
		MeetingID, FullName, UserID, Role string
	}{n.id, sess.meetingID, sess.fullName, sess.userID, sess.role})
}
