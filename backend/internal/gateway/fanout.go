package gateway

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// Calls about the whole "server" (getMeetings, recordings) are asked of every node that can answer,
// concurrently, each with its own deadline; a node that is down is left out instead of failing the call.

// fanoutNodes are the nodes worth asking: online, and enabled or cordoned (cordoned nodes still host
// meetings and recordings). Offline nodes are skipped without waiting for them to time out.
func (g *Gateway) fanoutNodes(ctx context.Context) ([]*core.Node, error) {
	nodes, err := g.Nodes.ListNodes(ctx)
	if err != nil {
		return nil, err
	}
	out := nodes[:0:0]
	for _, n := range nodes {
		if n.Health == core.HealthOnline && n.State != core.NodeDisabled {
			out = append(out, n)
		}
	}
	return out, nil
}

type fanoutResult struct {
	node   *core.Node
	answer nodeAnswer // valid() is false when the node gave no BBB answer
}

// fanout sends req to every node concurrently (at most FanoutLimit at once) and returns the answers
// in the nodes' order.
func (g *Gateway) fanout(ctx context.Context, nodes []*core.Node, req *request) []fanoutResult {
	out := make([]fanoutResult, len(nodes))
	sem := make(chan struct{}, g.fanoutLimit())
	var wg sync.WaitGroup
	for i, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			nctx, cancel := context.WithTimeout(ctx, g.fanoutTimeout())
			defer cancel()
			a, err := g.send(nctx, cluster.ServerOf(n), req)
			if err != nil || !a.valid() {
				g.log().Warn("gateway: node skipped", "call", req.call, "node", n.Name, "status", a.status, "err", err)
				a = nodeAnswer{}
			}
			out[i] = fanoutResult{node: n, answer: a}
		}()
	}
	wg.Wait()
	return out
}

// merged asks every node and merges the <list><item> elements of the SUCCESS answers. Items of portal
// rooms are left out: gateway clients see only the meetings that are theirs to manage. When nodes
// exist but none answered, the answer is FAILED rather than a misleading empty list.
func (g *Gateway) merged(w http.ResponseWriter, req *request, list, item, emptyKey, emptyMsg string) string {
	nodes, err := g.fanoutNodes(req.r.Context())
	if err != nil {
		return g.internalError(w, req, err)
	}
	var elems []rawElement
	answered := 0
	for _, res := range g.fanout(req.r.Context(), nodes, req) {
		if !res.answer.ok() {
			if res.answer.valid() {
				answered++ // a FAILED answer: the node is up but has nothing to add
			}
			continue
		}
		answered++
		items, err := decodeItems(res.answer.data, list, item)
		if err != nil {
			g.log().Warn("gateway: node answer not mergeable", "call", req.call, "node", res.node.Name, "err", err)
			continue
		}
		for _, e := range items {
			if !strings.HasPrefix(e.MeetingID, core.RoomMeetingPrefix) {
				elems = append(elems, e)
			}
		}
	}
	if len(nodes) > 0 && answered == 0 {
		bbb.WriteFailed(w, keyNoAvailableServer, msgNoNodeAnswer)
		return resultUnavailable
	}
	writeRawXML(w, http.StatusOK, mergedList(list, item, elems, emptyKey, emptyMsg))
	return resultSuccess
}

// decodeItems returns the raw <item> elements under <response><list>.
func decodeItems(data []byte, list, item string) ([]rawElement, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var items []rawElement
	depth := 0
	inList := false
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return items, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == list:
				inList = true
			case depth == 3 && inList && t.Name.Local == item:
				var e rawElement
				if err := d.DecodeElement(&e, &t); err != nil {
					return nil, err
				}
				items = append(items, e)
				depth--
			}
		case xml.EndElement:
			if depth == 2 && inList {
				inList = false
			}
			depth--
		}
	}
}

func (g *Gateway) getMeetings(w http.ResponseWriter, req *request) string {
	return g.merged(w, req, "meetings", "meeting", bbb.KeyNoMeetings, msgNoMeetings)
}

// getRecordings passes the client's filters (meetingID, recordID, state, meta_*) to every node.
func (g *Gateway) getRecordings(w http.ResponseWriter, req *request) string {
	return g.merged(w, req, "recordings", "recording", "noRecordings", msgNoRecordings)
}

// recordingAction serves publishRecordings, updateRecordings and deleteRecordings. A recording lives
// on the node that recorded it, which Switchboard does not track, so every node gets the call: the one
// holding the recordID acts, the others answer notFound. SUCCESS if any node succeeded.
func (g *Gateway) recordingAction(w http.ResponseWriter, req *request) string {
	if req.params.Get("recordID") == "" {
		bbb.WriteFailed(w, "missingParamRecordID", msgNoRecordID)
		return resultFailed
	}
	nodes, err := g.fanoutNodes(req.r.Context())
	if err != nil {
		return g.internalError(w, req, err)
	}
	var success, failed, notFound *nodeAnswer
	for _, res := range g.fanout(req.r.Context(), nodes, req) {
		a := res.answer
		switch {
		case a.ok() && success == nil:
			success = &a
		case !a.valid() || a.ok():
		case a.messageKey == bbb.KeyNotFound && notFound == nil:
			notFound = &a
		case a.messageKey != bbb.KeyNotFound && failed == nil:
			failed = &a
		}
	}
	switch {
	case success != nil:
		success.write(w)
		return resultSuccess
	case failed != nil: // a node's real objection says more than the others' notFound
		failed.write(w)
		return resultFailed
	case notFound != nil:
		notFound.write(w)
		return resultFailed
	}
	bbb.WriteFailed(w, keyNoAvailableServer, msgNoNodeAnswer)
	return resultUnavailable
}
