#version 330 core
// Built in variants (ShaderProgram defines), so each draw computes and interpolates only what it
// uses: the body itself is already in world space; PLACED_BY_MODEL places glyphs by u_model;
// PULLED_TOWARD_EYE draws them nearer the eye; PAINT_ZONES passes the zone margins on.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
uniform mat4 u_view;
uniform mat4 u_projection;
// The height rides in the view position's fourth component: one interpolated vec4 instead of
// two slots, which llvmpipe sets up per triangle (the cost on bodies of millions of triangles).
out vec4 v_viewPositionHeight;
out vec3 v_viewNormal;
#ifdef PAINT_ZONES
layout(location = 2) in vec2 a_zoneMargin;  // the zone patch's margins (see body.frag)
out vec2 v_zoneMargin;
#endif
#ifdef PLACED_BY_MODEL
uniform mat4 u_model;         // places a glyph
uniform mat3 u_normalMatrix;  // inverse transpose of u_model's upper 3x3
#endif
#ifdef PULLED_TOWARD_EYE
// Metres a glyph is drawn nearer the eye along its own line of sight (same pixels, smaller
// depth): a needle's shaft under the skin then passes the depth test against the skin just in
// front of it, yet stays hidden behind the rest of the body.
uniform float u_pullTowardEye;
#endif
void main() {
#ifdef PLACED_BY_MODEL
  vec4 world = u_model * vec4(a_position, 1.0);
  vec3 worldNormal = u_normalMatrix * a_normal;
#else
  vec4 world = vec4(a_position, 1.0);
  vec3 worldNormal = a_normal;
#endif
  vec4 viewPosition = u_view * world;
  v_viewPositionHeight = vec4(viewPosition.xyz, world.y);
  v_viewNormal = mat3(u_view) * worldNormal;
#ifdef PAINT_ZONES
  v_zoneMargin = a_zoneMargin;
#endif
#ifdef PULLED_TOWARD_EYE
  float distance = max(length(viewPosition.xyz), 1e-6);
  gl_Position = u_projection * vec4(viewPosition.xyz * max(1e-3, 1.0 - u_pullTowardEye / distance), 1.0);
#else
  gl_Position = u_projection * viewPosition;
#endif
}
