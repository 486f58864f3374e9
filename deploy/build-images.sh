#!/usr/bin/env bash
# Builds (and with --push, pushes) the container images of the four services from their Quarkus fast-jars.
# Image names and tags come from ONE place: the `images:` list of deploy/kubernetes/base/kustomization.yaml,
# which is also what the Deployments use. To release: change newTag there (or `kustomize edit set image`),
# package (./mvnw -B package -DskipTests), then run this script.
#
#   deploy/build-images.sh            build with podman, docker or buildah (CONTAINER_ENGINE=... to choose)
#   deploy/build-images.sh --push     build and push
#   deploy/build-images.sh --print    only print "<service> <image reference>" lines
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
kustomization="$repo_root/deploy/kubernetes/base/kustomization.yaml"
containerfile="$repo_root/deploy/images/Containerfile"

mode="build"
case "${1:-}" in
  "") ;;
  --push) mode="push" ;;
  --print) mode="print" ;;
  *) echo "usage: $0 [--push|--print]" >&2; exit 2 ;;
esac

# "<name> <newName>:<newTag>" for every entry of the images: list
image_refs() {
  awk '
    /^images:/ { in_images = 1; next }
    in_images && /^[^ #-]/ { in_images = 0 }
    in_images && $1 == "-" && $2 == "name:" { if (name != "") print name, ref ":" tag; name = $3; ref = ""; tag = "" }
    in_images && $1 == "newName:" { ref = $2 }
    in_images && $1 == "newTag:" { tag = $2 }
    END { if (name != "") print name, ref ":" tag }
  ' "$kustomization"
}

if [[ "$mode" == "print" ]]; then
  image_refs
  exit 0
fi

engine="${CONTAINER_ENGINE:-}"
if [[ -z "$engine" ]]; then
  for candidate in podman docker buildah; do
    if command -v "$candidate" >/dev/null 2>&1; then engine="$candidate"; break; fi
  done
fi
[[ -n "$engine" ]] || { echo "no podman, docker or buildah found (set CONTAINER_ENGINE)" >&2; exit 1; }

build() {
  local service="$1" ref="$2" context="$repo_root/$1/target/quarkus-app"
  [[ -f "$context/quarkus-run.jar" ]] || {
    echo "$context/quarkus-run.jar missing: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
  if [[ "$engine" == "buildah" ]]; then
    buildah bud -f "$containerfile" --build-arg "SERVICE=$service" -t "$ref" "$context"
  else
    "$engine" build -f "$containerfile" --build-arg "SERVICE=$service" -t "$ref" "$context"
  fi
  if [[ "$mode" == "push" ]]; then
    "$engine" push "$ref"
  fi
}

while read -r service ref; do
  echo ">> $service -> $ref"
  build "$service" "$ref"
done < <(image_refs)
