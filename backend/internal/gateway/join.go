package gateway

import (
	"net/http"
	"strings"

	"switchboard/backend/internal/cluster"
)

// join sends the browser to the hosting node's own join call, re-signed with the node's secret and with
// every parameter the client sent. The browser must talk to the node itself: BBB ties the session to
// cookies set on the node's host during join.
//
// An unknown meeting, or one whose node is offline, answers notFound rather than re-creating it: a join
// cannot carry the create parameters (name, passwords, settings), and integrations call create before
// join anyway — that create re-places the meeting on a healthy node.
func (g *Gateway) join(w http.ResponseWriter, req *request) string {
	lm, res := g.hosted(w, req, notFoundAnswer)
	if lm == nil {
		return res
	}
	if strings.EqualFold(req.params.Get("redirect"), "false") {
		// The client wants the XML answer (with the node's client URL inside): fetch it for them.
		return g.forwardResult(w, lm, req)
	}
	w.Header().Set("Location", g.BBB.URLRaw(cluster.ServerOf(&lm.Node), "join", req.query))
	w.Header().Set("Cache-Control", "no-store") // the URL is signed and single-purpose
	w.WriteHeader(http.StatusFound)
	return resultSuccess
}
