#!/usr/bin/env bash
# Record a CI build in the Event Provenance Registry (EPR):
#   1. a pipeline run "queued" event    (receiver type ci.pipelinerun.queued)
#   2. a pipeline run "started" event   (receiver type ci.pipelinerun.started)
#   3. the build's CycloneDX SBOM        (POST /api/v1/sboms?name=…&version=…&release=…&platform_id=…&package=…)
#   4. its JUnit XML test reports        (POST /api/v1/test-reports?name=…&…&environment_id=…)
#   5. a pipeline run "finished" event  (receiver type ci.pipelinerun.finished, success from the build's status)
# All of them carry the artifact's NVRPP (name, version, release, platform_id, package); each event carries when
# its phase happened, the run's id and attempt. EPR turns the events into CDEvents pipelinerun.queued/started/
# finished, the SBOM into artifact.packaged and the reports into testsuiterun/testcaserun events.
#
# Usage: post-build.sh [options] [BUILD_STATUS]
#   BUILD_STATUS   the build's exit status (0 = success) or a CI status word: success|failure|failed|cancelled|
#                  canceled|aborted|unstable|skipped (GitHub's steps.<id>.outcome, GitLab's CI_JOB_STATUS,
#                  Jenkins' currentBuild.currentResult). Needed for the finish phase. Env: BUILD_STATUS.
# Options (each also read from the environment variable named after it; EPR_NAME etc. win over NAME etc.):
#   --url URL              EPR_URL        EPR base URL (default http://localhost:8042)
#   --name N               NAME           artifact name, e.g. epr-vertx
#   --version V            VERSION        artifact version, e.g. 0.1.0-SNAPSHOT
#   --release R            RELEASE        release / build number, e.g. 42
#   --platform-id P        PLATFORM_ID    e.g. linux-x86_64-java17
#   --package P            PACKAGE        package kind, e.g. maven
#   --sbom FILE            SBOM           CycloneDX file (.json or .xml); none: no SBOM is posted
#   --tests PATH           TEST_REPORTS   a JUnit XML report, or a directory whose *.xml files are reports (Maven:
#                                         target/surefire-reports); repeatable; none: no report is posted
#   --test-environment-id E  TEST_ENVIRONMENT_ID  where the tests ran (default: EPR uses the platform_id)
#   --pipeline-name N      PIPELINE_NAME  pipeline name shown in CDViz (default: NAME)
#   --run-url URL          RUN_URL        absolute URL of this CI run (becomes the CDEvent's content.uri)
#   --run-id ID            RUN_ID         the CI's run id (without it EPR starts a new run for an NVRPP when a
#                                         queued or started event follows a finished run)
#   --run-attempt N        RUN_ATTEMPT    the attempt of that run (1, 2, …): the run is RUN_ID-RUN_ATTEMPT
#   --queued-at T          QUEUED_AT      when the run was queued (RFC 3339, e.g. 2026-05-04T10:00:00Z)
#   --started-at T         STARTED_AT     when it started
#   --finished-at T        FINISHED_AT    when it finished; each time defaults to now, when its phase is posted
#   --phase P              EPR_PHASE      queue (event 1), start (event 2), finish (3, 4 and 5), a comma list such
#                                         as queue,start, or all (the default: 1 to 5)
#   --status S             BUILD_STATUS   the build's status, as the last argument
#   --queued-receiver ID   EPR_QUEUED_RECEIVER_ID    receiver to use for "queued" (default: found or created)
#   --started-receiver ID  EPR_STARTED_RECEIVER_ID   receiver to use for "started" (default: found or created)
#   --finished-receiver ID EPR_FINISHED_RECEIVER_ID  receiver to use for "finished" (default: found or created)
#   EPR_SCHEMAS_DIR        where the receiver schemas are, for creating receivers (default: ../schemas from here)
#   EPR_TOKEN              sent as "Authorization: Bearer $EPR_TOKEN" when set (never printed)
#   EPR_TIMEOUT            seconds per HTTP call (default 120); EPR_RETRIES: curl retries on transient errors
#                          (default 2); EPR_JQ: the jq command (default jq; empty: parse with sed instead)
#   EPR_SBOM_CONTENT_TYPE  overrides the Content-Type of the SBOM (default by extension, see sbom_content_type)
#
# Output: one key=value line per id on stdout (append it to $GITHUB_OUTPUT if you like), progress on stderr.
# Exit status: 0 when every EPR call succeeded (whatever the build's status), 1 when one failed (one line on
# stderr naming the call, the HTTP status and the server's error text), 2 on a usage error.
# Needs bash and curl; uses jq when present (it is on GitHub's hosted runners), sed otherwise.

set -u -o pipefail

me=post-build.sh
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 1; }
usage_error() { printf '%s: %s (see the comment at the top of %s)\n' "$me" "$*" "$0" >&2; exit 2; }
note() { printf '%s: %s\n' "$me" "$*" >&2; }

# --- settings: arguments win over the environment ------------------------------------------------------------
EPR_URL=${EPR_URL:-http://localhost:8042}
NAME=${EPR_NAME:-${NAME:-}}
VERSION=${EPR_VERSION:-${VERSION:-}}
RELEASE=${EPR_RELEASE:-${RELEASE:-}}
PLATFORM_ID=${EPR_PLATFORM_ID:-${PLATFORM_ID:-}}
PACKAGE=${EPR_PACKAGE:-${PACKAGE:-}}
SBOM=${EPR_SBOM:-${SBOM:-}}
PIPELINE_NAME=${PIPELINE_NAME:-}
RUN_URL=${RUN_URL:-}
RUN_ID=${RUN_ID:-}
RUN_ATTEMPT=${RUN_ATTEMPT:-}
QUEUED_AT=${QUEUED_AT:-}
STARTED_AT=${STARTED_AT:-}
FINISHED_AT=${FINISHED_AT:-}
TEST_REPORTS=(${TEST_REPORTS:+"$TEST_REPORTS"})
TEST_ENVIRONMENT_ID=${TEST_ENVIRONMENT_ID:-}
PHASE=${EPR_PHASE:-all}
BUILD_STATUS=${BUILD_STATUS:-}
QUEUED_RECEIVER_ID=${EPR_QUEUED_RECEIVER_ID:-}
STARTED_RECEIVER_ID=${EPR_STARTED_RECEIVER_ID:-}
FINISHED_RECEIVER_ID=${EPR_FINISHED_RECEIVER_ID:-}
EPR_TOKEN=${EPR_TOKEN:-}
EPR_TIMEOUT=${EPR_TIMEOUT:-120}
EPR_RETRIES=${EPR_RETRIES:-2}
JQ=${EPR_JQ-jq}
SCHEMAS_DIR=${EPR_SCHEMAS_DIR:-$(dirname "$0")/../schemas}
tests_given=

while [ $# -gt 0 ]; do
  opt=$1
  case $opt in
    --*=*) set -- "${opt%%=*}" "${opt#*=}" "${@:2}"; continue ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    --*) [ $# -ge 2 ] || usage_error "$opt needs a value" ;;
    -*) usage_error "unknown option $opt" ;;
    *) break ;;
  esac
  case $opt in
    --url) EPR_URL=$2 ;;
    --name) NAME=$2 ;;
    --version) VERSION=$2 ;;
    --release) RELEASE=$2 ;;
    --platform-id|--platform_id) PLATFORM_ID=$2 ;;
    --package) PACKAGE=$2 ;;
    --sbom) SBOM=$2 ;;
    --pipeline-name) PIPELINE_NAME=$2 ;;
    --run-url) RUN_URL=$2 ;;
    --run-id) RUN_ID=$2 ;;
    --run-attempt) RUN_ATTEMPT=$2 ;;
    --queued-at) QUEUED_AT=$2 ;;
    --started-at) STARTED_AT=$2 ;;
    --finished-at) FINISHED_AT=$2 ;;
    --tests) [ -n "$tests_given" ] || TEST_REPORTS=(); tests_given=1; TEST_REPORTS+=("$2") ;;
    --test-environment-id) TEST_ENVIRONMENT_ID=$2 ;;
    --phase) PHASE=$2 ;;
    --status) BUILD_STATUS=$2 ;;
    --queued-receiver) QUEUED_RECEIVER_ID=$2 ;;
    --started-receiver) STARTED_RECEIVER_ID=$2 ;;
    --finished-receiver) FINISHED_RECEIVER_ID=$2 ;;
    *) usage_error "unknown option $opt" ;;
  esac
  shift 2
done
[ $# -le 1 ] || usage_error "unexpected arguments: $*"
[ $# -eq 1 ] && BUILD_STATUS=$1

queue= start= finish=
[ "$PHASE" != all ] || PHASE=queue,start,finish
IFS=, read -r -a phases <<<"$PHASE"
[ ${#phases[@]} -gt 0 ] || usage_error "--phase must be queue, start, finish, a comma list of them or all, not ''"
for p in "${phases[@]}"; do
  case $p in
    queue|queued) queue=1 ;;
    start|started) start=1 ;;
    finish|finished) finish=1 ;;
    *) usage_error "--phase must be queue, start, finish, a comma list of them or all, not '$PHASE'" ;;
  esac
done
for v in QUEUED_AT STARTED_AT FINISHED_AT; do
  [ -z "${!v}" ] || [[ ${!v} =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$ ]] ||
    usage_error "$v must be an RFC 3339 time with an offset, such as 2026-05-04T10:00:00Z, not '${!v}'"
done
missing=
for v in NAME VERSION RELEASE PLATFORM_ID PACKAGE; do
  [ -n "${!v}" ] || missing="$missing $v"
done
[ -z "$missing" ] || usage_error "missing:$missing (set them in the environment or pass --name, --version, …)"
[ -z "$finish" ] || [ -n "$BUILD_STATUS" ] || usage_error "the build's status is needed (last argument or BUILD_STATUS)"
case $EPR_URL in http://*|https://*) ;; *) usage_error "EPR_URL must start with http:// or https://, not '$EPR_URL'" ;; esac
EPR_URL=${EPR_URL%/}
PIPELINE_NAME=${PIPELINE_NAME:-$NAME}
command -v curl >/dev/null 2>&1 || die "curl is needed and was not found"
if [ -n "$JQ" ] && ! command -v "$JQ" >/dev/null 2>&1; then JQ=; fi

RECEIVER_VERSION=1.0.0

# --- the build's status --------------------------------------------------------------------------------------
success=true outcome=success
if [ -n "$finish" ]; then
  status=$(printf '%s' "$BUILD_STATUS" | tr '[:upper:]' '[:lower:]')
  case $status in
    0|success|succeeded|successful|passed|ok) success=true outcome=success ;;
    cancel*|aborted|interrupted) success=false outcome=cancel ;;
    [0-9]*|failure|failed|fail|unstable) success=false outcome=failure ;;
    *) success=false outcome=error ;;   # skipped, not_built, anything unknown
  esac
fi

# --- helpers ------------------------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/epr-post-build.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
auth=()
if [ -n "$EPR_TOKEN" ]; then
  # a header file keeps the token out of the process list
  (umask 077 && printf 'Authorization: Bearer %s\n' "$EPR_TOKEN" >"$tmp/auth")
  auth=(-H "@$tmp/auth")
fi

# JSON string literal of $1 (quotes included)
json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=$(printf '%s' "$s" | tr -d '\000-\037')
  printf '"%s"' "$s"
}

# percent-encoding of $1 for a query parameter (UTF-8 bytes)
urlencode() {
  local LC_ALL=C
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9.~_-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

# the server's error text in a response body: EPR's {"errors":["…"]}, GraphQL's {"errors":[{"message":"…"}]},
# or the body itself (first 300 characters), on one line
error_text() {
  local f=$1 text=''
  if [ -n "$JQ" ]; then
    text=$("$JQ" -r '[(.errors // [])[] | if type == "object" then (.message // tostring) else tostring end]
                      | join("; ")' "$f" 2>/dev/null)
  fi
  if [ -z "$text" ]; then
    text=$(tr '\n' ' ' <"$f" | sed -n -E \
             -e 's/.*"errors"[[:space:]]*:[[:space:]]*\[[[:space:]]*"(([^"\\]|\\.)*)".*/\1/p' \
             -e 's/.*"errors"[[:space:]]*:.*"message"[[:space:]]*:[[:space:]]*"(([^"\\]|\\.)*)".*/\1/p' | head -n 1)
  fi
  [ -n "$text" ] || text=$(head -c 300 "$f")
  text=${text//\\n/$'\n'}
  text=${text//\\\"/\"}
  text=${text//$'\r'/}
  text=${text//$'\n'/; }
  printf '%s' "${text%"${text##*[![:space:];]}"}"
}

# the "data" id of an EPR response body
data_id() {
  if [ -n "$JQ" ]; then
    "$JQ" -r 'if (.data | type) == "string" then .data else empty end' "$1" 2>/dev/null
  else
    tr '\n' ' ' <"$1" | sed -n 's/.*"data"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
  fi
}

# call WHAT METHOD PATH CONTENT_TYPE @FILE|-: the HTTP call; the body is left in $tmp/body; fails unless 2xx
call() {
  local what=$1 method=$2 path=$3 ctype=$4 data=$5 code rc
  : >"$tmp/body"
  code=$(curl -sS -X "$method" "$EPR_URL$path" ${auth[@]+"${auth[@]}"} -H "Content-Type: $ctype" -H 'Accept: application/json' \
              --data-binary "$data" --max-time "$EPR_TIMEOUT" --retry "$EPR_RETRIES" --retry-delay 2 \
              -o "$tmp/body" -w '%{http_code}' 2>"$tmp/curl.err")
  rc=$?
  if [ "$rc" -ne 0 ] && [ "${code:-000}" = 000 ]; then
    die "$what: could not reach $EPR_URL${path%%\?*}: $(tr '\n' ' ' <"$tmp/curl.err" | sed 's/[[:space:]]*$//') (curl exit $rc)"
  fi
  case $code in
    2??) ;;
    *) die "$what failed: HTTP $code from $method ${path%%\?*}: $(error_text "$tmp/body")" ;;
  esac
}

# post_json WHAT PATH JSON: POST a JSON body, print the "data" id
post_json() {
  local what=$1 path=$2 id
  printf '%s' "$3" >"$tmp/request"
  call "$what" POST "$path" application/json "@$tmp/request"
  id=$(data_id "$tmp/body")
  [ -n "$id" ] || die "$what: HTTP 200 from POST $path without an id: $(head -c 300 "$tmp/body" | tr '\n' ' ')"
  printf '%s' "$id"
}

# the id of a receiver of type $1 (one named $2 preferred), found with GraphQL; empty when there is none
find_receiver() {
  local type=$1 name=$2 query
  # shellcheck disable=SC2016 # GraphQL variables, not shell ones
  query='query ($r: FindEventReceiverInput!) { event_receivers(event_receiver: $r) { id name type version } }'
  printf '{"query":%s,"variables":{"r":{"type":%s}}}' "$(json_str "$query")" "$(json_str "$type")" >"$tmp/request"
  call "finding the receiver of type $type" POST /api/v1/graphql/query application/json "@$tmp/request"
  if tr '\n' ' ' <"$tmp/body" | grep -q '"errors"[[:space:]]*:[[:space:]]*\[[[:space:]]*[^][:space:]]'; then
    die "finding the receiver of type $type failed: GraphQL error: $(error_text "$tmp/body")"
  fi
  if [ -n "$JQ" ]; then
    # shellcheck disable=SC2016 # jq variables
    "$JQ" -r --arg n "$name" '(.data.event_receivers // []) as $all
             | ([$all[] | select(.name == $n)] + $all)[0].id // empty' "$tmp/body"
  else
    tr '\n' ' ' <"$tmp/body" | sed -n 's/^[^[]*\[[^]]*"id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
  fi
}

# receiver_id PHASE GIVEN_ID: GIVEN_ID, or an existing receiver of type ci.pipelinerun.PHASE, or a new one made
# with the schema $SCHEMAS_DIR/pipelinerun-PHASE.json
receiver_id() {
  local phase=$1 given=$2 type=ci.pipelinerun.$1 name id schema
  name=${type//./-}
  if [ -n "$given" ]; then printf '%s' "$given"; return; fi
  id=$(find_receiver "$type" "$name") || exit 1
  if [ -n "$id" ]; then printf '%s' "$id"; return; fi
  schema=$SCHEMAS_DIR/pipelinerun-$phase.json
  [ -f "$schema" ] || die "creating the receiver of type $type: its schema $schema is missing (set EPR_SCHEMAS_DIR to the repository's schemas/ folder, or name an existing receiver with --$phase-receiver)"
  post_json "creating the receiver of type $type" /api/v1/receivers \
    "$(printf '{"name":%s,"type":%s,"version":%s,"description":%s,"schema":%s}' "$(json_str "$name")" \
       "$(json_str "$type")" "$(json_str "$RECEIVER_VERSION")" \
       "$(json_str "CI pipeline runs ($phase), posted by samples/post-build.sh")" "$(cat "$schema")")"
}

# the event body for receiver $1, success $2, description $3, payload $4
event_json() {
  printf '{"name":%s,"version":%s,"release":%s,"platform_id":%s,"package":%s,"description":%s,"payload":%s,"success":%s,"event_receiver_id":%s}' \
    "$(json_str "$NAME")" "$(json_str "$VERSION")" "$(json_str "$RELEASE")" "$(json_str "$PLATFORM_ID")" \
    "$(json_str "$PACKAGE")" "$(json_str "$3")" "$4" "$2" "$(json_str "$1")"
}

# the payload at time $1: timestamp, pipeline_name, and url, run_id, run_attempt when set, plus "key" "json value"
# pairs given as further arguments
payload_json() {
  local p
  p="{\"timestamp\":$(json_str "$1"),\"pipeline_name\":$(json_str "$PIPELINE_NAME")"
  shift
  [ -z "$RUN_URL" ] || p="$p,\"url\":$(json_str "$RUN_URL")"
  [ -z "$RUN_ID" ] || p="$p,\"run_id\":$(json_str "$RUN_ID")"
  if [[ $RUN_ATTEMPT =~ ^[1-9][0-9]{0,8}$ ]]; then
    p="$p,\"run_attempt\":$RUN_ATTEMPT"   # a number, as the schema prefers
  elif [ -n "$RUN_ATTEMPT" ]; then
    p="$p,\"run_attempt\":$(json_str "$RUN_ATTEMPT")"
  fi
  while [ $# -ge 2 ]; do p="$p,\"$1\":$2"; shift 2; done
  printf '%s}' "$p"
}

# post_phase PHASE GIVEN_RECEIVER_ID TIME SUCCESS DESCRIPTION [key json]…: one pipeline run event, its ids printed
post_phase() {
  local phase=$1 given=$2 time=$3 ok=$4 description=$5 rid id
  shift 5
  rid=$(receiver_id "$phase" "$given") || exit 1
  echo "epr_${phase}_receiver_id=$rid"
  id=$(post_json "posting the pipeline run $phase event" /api/v1/events \
       "$(event_json "$rid" "$ok" "$description" "$(payload_json "${time:-$(now)}" "$@")")") || exit 1
  echo "epr_${phase}_event_id=$id"
  note "pipeline run $phase for $nvrpp at ${time:-now}: event $id"
}

# now, in RFC 3339 (UTC, seconds)
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

sbom_content_type() {
  if [ -n "${EPR_SBOM_CONTENT_TYPE:-}" ]; then printf '%s' "$EPR_SBOM_CONTENT_TYPE"; return; fi
  case $1 in
    *.json|*.JSON) printf 'application/vnd.cyclonedx+json' ;;
    *.xml|*.XML) printf 'application/vnd.cyclonedx+xml' ;;
    *) # no telling extension: look at the first character that is not blank
       case $(tr -d ' \t\r\n' <"$1" | head -c 1) in
         '{') printf 'application/vnd.cyclonedx+json' ;;
         *) printf 'application/vnd.cyclonedx+xml' ;;
       esac ;;
  esac
}

nvrpp="$NAME/$VERSION/$RELEASE/$PLATFORM_ID/$PACKAGE"
nvrpp_query="name=$(urlencode "$NAME")&version=$(urlencode "$VERSION")&release=$(urlencode "$RELEASE")"
nvrpp_query="$nvrpp_query&platform_id=$(urlencode "$PLATFORM_ID")&package=$(urlencode "$PACKAGE")"

# post_document WHAT PATH QUERY CONTENT_TYPE FILE: an SBOM or a test report for the NVRPP; prints its id
post_document() {
  local what=$1 path=$2 id
  call "posting $what" POST "$path?$nvrpp_query&$3" "$4" "@$5"
  id=$(data_id "$tmp/body")
  [ -n "$id" ] || die "posting $what: HTTP 200 without an id: $(head -c 300 "$tmp/body" | tr '\n' ' ')"
  note "$what stored for $nvrpp: $id ($EPR_URL$path/$id)"
  printf '%s' "$id"
}

post_sbom() {
  local id
  id=$(post_document "the SBOM $SBOM" /api/v1/sboms "description=$(urlencode "SBOM of $NAME $VERSION from $PIPELINE_NAME")" \
       "$(sbom_content_type "$SBOM")" "$SBOM") || exit 1
  echo "epr_sbom_id=$id"
}

# the JUnit XML files of --tests: files as given, the *.xml files of directories; a missing path is only noted
test_report_files() {
  local path f
  for path in ${TEST_REPORTS[@]+"${TEST_REPORTS[@]}"}; do
    if [ -d "$path" ]; then
      for f in "$path"/*.xml; do [ ! -f "$f" ] || printf '%s\n' "$f"; done
    elif [ -f "$path" ]; then
      printf '%s\n' "$path"
    else
      note "the test reports $path do not exist (no tests ran?): none posted from there"
    fi
  done
}

# posts every test report; prints epr_test_report_ids=id,id,…; fails when one could not be stored (after trying all)
post_test_reports() {
  local f id ids='' query failed=
  query="description=$(urlencode "JUnit report from $PIPELINE_NAME")"
  [ -z "$TEST_ENVIRONMENT_ID" ] || query="$query&environment_id=$(urlencode "$TEST_ENVIRONMENT_ID")"
  while IFS= read -r f; do
    if id=$(post_document "the test report $f" /api/v1/test-reports "$query" application/xml "$f"); then
      ids="${ids:+$ids,}$id"
    else
      failed=1
    fi
  done < <(test_report_files)
  [ -z "$ids" ] || echo "epr_test_report_ids=$ids"
  [ -z "$failed" ]
}

# --- 1, 2. pipeline run queued and started -------------------------------------------------------------------
[ -z "$queue" ] || post_phase queued "$QUEUED_RECEIVER_ID" "$QUEUED_AT" true "pipeline run queued: $PIPELINE_NAME"
[ -z "$start" ] || post_phase started "$STARTED_RECEIVER_ID" "$STARTED_AT" true "pipeline run started: $PIPELINE_NAME"

if [ -n "$finish" ]; then
  # --- 3, 4. the SBOM and the test reports (a failure here is reported, the run's end still posted, and the exit
  # status is 1) ---------------------------------------------------------------------------------------------
  documents_failed=
  if [ -z "$SBOM" ]; then
    note "no SBOM given (--sbom or SBOM): none posted"
  elif [ ! -f "$SBOM" ]; then
    if [ "$success" = true ]; then
      note "the SBOM $SBOM does not exist, though the build succeeded (is the cyclonedx-maven-plugin bound to package?)"
      documents_failed=1
    else
      note "the SBOM $SBOM does not exist (the build did not succeed): none posted"
    fi
  elif ! (post_sbom); then
    documents_failed=1
  fi
  (post_test_reports) || documents_failed=1

  # --- 5. pipeline run finished ------------------------------------------------------------------------------
  extra=("outcome" "$(json_str "$outcome")")
  [ "$success" = true ] || extra+=("errors" "$(json_str "build status: $BUILD_STATUS")")
  post_phase finished "$FINISHED_RECEIVER_ID" "$FINISHED_AT" "$success" \
    "pipeline run finished ($outcome): $PIPELINE_NAME" "${extra[@]}"
fi

[ -z "${documents_failed:-}" ] || exit 1
exit 0
