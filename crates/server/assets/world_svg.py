#!/usr/bin/env python3
"""Makes world.svg, the map outline of the page at `/`, from world-atlas's countries-110m.json.

world-atlas (npm, ISC licence, Michael Bostock) redistributes Natural Earth's 1:110m Admin 0 country boundaries
(public domain) as TopoJSON. The outline is drawn in the equirectangular projection, 360 x 180 units
(x = lon + 180, y = 90 - lat), so the page puts a place at its coordinates without any projection code.

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python3 world_svg.py package/countries-110m.json > world.svg
"""
import json
import sys


def arcs_of(topology):
    """Decodes the quantized, delta-encoded arcs into lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def ring(arcs, indices):
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path(points):
    # A ring that crosses the antimeridian is unwrapped (x runs on past 360 or below 0) and drawn a second time a
    # world further, so that the viewBox clips both halves into place instead of a line across the map.
    xs = []
    for lon, _ in points:
        x = lon + 180
        if xs:
            while x - xs[-1] > 180:
                x -= 360
            while xs[-1] - x > 180:
                x += 360
        xs.append(x)
    shifts = [0] + ([-360] if max(xs) > 360.05 else []) + ([360] if min(xs) < -0.05 else [])
    return "".join(one(xs, points, shift) for shift in shifts)


def one(xs, points, shift):
    xy = [f"{x + shift:.1f} {90 - lat:.1f}" for x, (_, lat) in zip(xs, points)]
    # Drop repeats that rounding made.
    kept = [p for i, p in enumerate(xy) if i == 0 or p != xy[i - 1]]
    return "M" + "L".join(kept) + "Z" if len(kept) > 2 else ""


def main():
    topology = json.load(open(sys.argv[1]))
    arcs = arcs_of(topology)
    parts = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], []
        )
        d = "".join(path(ring(arcs, r)) for polygon in polygons for r in polygon)
        if d:
            name = geometry.get("properties", {}).get("name", "").replace("&", "&amp;").replace('"', "&quot;")
            parts.append(f'<path data-name="{name}" d="{d}"/>')
    print('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" class="world">')
    print("<!-- Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC). -->")
    print("\n".join(parts))
    print("</svg>")


main()
