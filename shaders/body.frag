#version 330 core
// Skin under studio lights, computed in linear space and written as sRGB.
// Key + fill + rim lights live in view space so the body is well lit from any orbit angle.
// Wrapped diffuse and a warm subsurface tint stand in for light scattering under skin.
// Scenario zones are painted into the skin's albedo, so they take the same light (the
// PAINT_ZONES variant, drawn over the zone patch; see body.vert).
in vec4 v_viewPositionHeight;  // xyz: view-space position; w: world height (body.vert)
in vec3 v_viewNormal;
uniform vec3 u_baseColor;     // linear albedo
uniform float u_specular;     // 0 for matte accessories
uniform float u_wrap;         // diffuse wrap, 0..1
uniform vec3 u_subsurfaceTint;
uniform float u_transparency;      // 0 opaque; glyphs seen through the skin are partly transparent
#ifdef PAINT_ZONES
// Millimetres inside the nearest zone (negative outside): x target zones, y no-go zones. The
// edge is where this linearly interpolated margin crosses zero.
in vec2 v_zoneMargin;
uniform vec3 u_targetZoneColor;    // linear
uniform vec3 u_noGoZoneColor;      // linear
uniform float u_zoneOutlineWidth;  // pixels
uniform float u_hatchSpacing;      // pixels between no-go hatch lines
// gl_FragCoord.y to pixels from the picture's bottom: (1, 0), or (-1, height) where it is drawn
// with its top row first (moving frames), so the hatch keeps its direction on screen.
uniform vec2 u_rowFromFragY;
#endif
out vec4 o_color;

const vec3 kKeyDirection = normalize(vec3(-0.45, 0.55, 0.70));
const vec3 kKeyColor = vec3(1.00, 0.96, 0.90) * 1.55;
const vec3 kFillDirection = normalize(vec3(0.65, 0.10, 0.55));
const vec3 kFillColor = vec3(0.78, 0.86, 1.00) * 0.42;
const vec3 kRimDirection = normalize(vec3(0.25, 0.35, -0.90));
const vec3 kRimColor = vec3(1.00, 1.00, 1.00) * 1.4;
const vec3 kSkyAmbient = vec3(0.13, 0.14, 0.16);
const vec3 kGroundAmbient = vec3(0.05, 0.04, 0.035);

vec3 toSrgb(vec3 linear) { return pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)); }

float wrappedDiffuse(vec3 n, vec3 l) { return max((dot(n, l) + u_wrap) / (1.0 + u_wrap), 0.0); }

float specularLobe(vec3 n, vec3 l, vec3 v, float shininess) {
  vec3 h = normalize(l + v);
  float normalisation = (shininess + 8.0) / 25.13;  // energy-conserving Blinn-Phong
  return normalisation * pow(max(dot(n, h), 0.0), shininess) * max(dot(n, l), 0.0);
}

// Filmic curve so highlights roll off instead of clipping.
vec3 toneMap(vec3 x) {
  const float a = 2.51, b = 0.03, c = 2.43, d = 0.59, e = 0.14;
  return clamp((x * (a * x + b)) / (x * (c * x + d) + e), 0.0, 1.0);
}

#ifdef PAINT_ZONES
// Signed distance to the zone's edge in pixels: the margin over its screen-space slope, so the
// edge stays one pixel soft at any zoom and any mesh density.
float edgePixels(float margin) { return margin / max(fwidth(margin), 1e-6); }

// A tint over the skin inside the zone, optionally hatched, with a darker outline just inside.
vec3 paintZone(vec3 albedo, float margin, vec3 color, float fill, bool hatched) {
  float d = edgePixels(margin);
  float inside = clamp(d + 0.5, 0.0, 1.0);
  if (inside <= 0.0) return albedo;
  float amount = fill;
  if (hatched) {
    // 45-degree lines in screen space: readable without colour, steady in still pictures.
    float row = u_rowFromFragY.x * gl_FragCoord.y + u_rowFromFragY.y;
    float along = (gl_FragCoord.x + row) / (u_hatchSpacing * 1.41421356);
    float fromLine = abs(fract(along) - 0.5) * u_hatchSpacing;
    float line = clamp(0.16 * u_hatchSpacing + 0.5 - fromLine, 0.0, 1.0);
    amount = mix(fill, 0.78, line);
  }
  // The wash keeps the skin's brightness (only its hue moves), so it reads as paint on skin
  // instead of greying it; hatch lines are the plain colour.
  float luminance = dot(albedo, vec3(0.2126, 0.7152, 0.0722));
  vec3 wash = color * luminance / max(dot(color, vec3(0.2126, 0.7152, 0.0722)), 1e-3);
  vec3 painted = mix(albedo, mix(wash, color, hatched ? (amount - fill) / (0.78 - fill) : 0.0), amount * inside);
  float outline = clamp(min(d, u_zoneOutlineWidth - d) + 0.5, 0.0, 1.0);
  return mix(painted, color * 0.45, outline * 0.9);
}
#endif

void main() {
  vec3 albedo = u_baseColor;
#ifdef PAINT_ZONES
  albedo = paintZone(albedo, v_zoneMargin.x, u_targetZoneColor, 0.55, false);
  albedo = paintZone(albedo, v_zoneMargin.y, u_noGoZoneColor, 0.40, true);
#endif
  vec3 n = normalize(v_viewNormal);
  vec3 v = normalize(-v_viewPositionHeight.xyz);
  // Normals come from the winding, so the back of a face is its inside (open meshes).
  if (!gl_FrontFacing) n = -n;

  vec3 diffuse = kKeyColor * wrappedDiffuse(n, kKeyDirection) + kFillColor * wrappedDiffuse(n, kFillDirection);
  // Light bleeding through thin skin near the terminator reads as warmth.
  float terminator = clamp(1.0 - abs(dot(n, kKeyDirection)), 0.0, 1.0);
  vec3 subsurface = u_subsurfaceTint * terminator * terminator * 0.35;

  float up = n.y * 0.5 + 0.5;
  vec3 ambient = mix(kGroundAmbient, kSkyAmbient, up);

  float fresnel = pow(1.0 - max(dot(n, v), 0.0), 3.0);
  vec3 rim = kRimColor * fresnel * max(dot(n, kRimDirection) * 0.5 + 0.5, 0.0) * 0.35;

  vec3 specular = u_specular * (kKeyColor * specularLobe(n, kKeyDirection, v, 24.0) +
                                kFillColor * specularLobe(n, kFillDirection, v, 24.0)) * (0.04 + 0.2 * fresnel);

  vec3 color = albedo * (diffuse + ambient + subsurface) + rim * albedo + specular;
  // A touch of darkening toward the feet grounds the figure.
  color *= mix(0.85, 1.0, smoothstep(0.0, 0.6, v_viewPositionHeight.w));
  o_color = vec4(toSrgb(toneMap(color)), 1.0 - u_transparency);
}
