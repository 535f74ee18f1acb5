package mockgraph

import (
	"encoding/json"
	"net/http"
	"strings"
)

// The identity the mock records when the bearer token says nothing it can read.
const (
	anonymousClientID   = "00000000-0000-0000-0000-000000000000"
	anonymousClientName = "graphconform mock client"
)

// identity is Graph's identity resource: an id and a display name.
type identity struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
}

// identitySet is Graph's identitySet: who did something, a user or an application.
type identitySet struct {
	User        *identity `json:"user,omitempty"`
	Application *identity `json:"application,omitempty"`
}

// appendJSON appends the set as encoding/json writes it: its user and application, those present.
func (s identitySet) appendJSON(buf []byte) ([]byte, error) {
	buf = append(buf, '{')
	written := false
	for _, m := range [...]struct {
		name string
		who  *identity
	}{{"user", s.User}, {"application", s.Application}} {
		if m.who == nil {
			continue
		}
		if written {
			buf = append(buf, ',')
		}
		written = true
		var err error
		for _, part := range [...]struct{ before, value string }{{"", m.name}, {`:{"id":`, m.who.ID}, {`,"displayName":`, m.who.DisplayName}} {
			buf = append(buf, part.before...)
			if buf, err = appendJSONString(buf, part.value); err != nil {
				return nil, err
			}
		}
		buf = append(buf, '}')
	}
	return append(buf, '}'), nil
}

// bearerToken returns the token of an "Authorization: Bearer <token>" header, or "" when the header
// is missing, of another scheme or empty.
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// tokenClaims are the claims of a Microsoft identity platform access token the mock reads.
type tokenClaims struct {
	ObjectID        string `json:"oid"`
	Name            string `json:"name"`
	UPN             string `json:"upn"`
	Scopes          string `json:"scp"`
	AppID           string `json:"appid"`
	AuthorizedParty string `json:"azp"`
	AppDisplayName  string `json:"app_displayname"`
}

// callerOf tells who sent a token from its JWT payload (nil for an opaque token). The mock does not
// verify tokens: a delegated token (with scp and oid) makes a user, an app-only token an application;
// anything else is recorded as an anonymous application.
func callerOf(payload []byte) identitySet {
	anonymous := identitySet{Application: &identity{ID: anonymousClientID, DisplayName: anonymousClientName}}
	if payload == nil {
		return anonymous
	}
	var claims tokenClaims
	if err := json.Unmarshal(payload, &claims); err != nil {
		return anonymous
	}
	if claims.Scopes != "" && claims.ObjectID != "" {
		name := claims.Name
		if name == "" {
			name = claims.UPN
		}
		return identitySet{User: &identity{ID: claims.ObjectID, DisplayName: name}}
	}
	appID := claims.AppID
	if appID == "" {
		appID = claims.AuthorizedParty
	}
	if appID != "" {
		return identitySet{Application: &identity{ID: appID, DisplayName: claims.AppDisplayName}}
	}
	return anonymous
}
