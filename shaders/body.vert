#version 330 core
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_zoneMargin;  // body only, when zones are painted (see body.frag)
uniform mat4 u_model;         // identity for the body (normalised on load); places glyphs
uniform mat3 u_normalMatrix;  // inverse transpose of u_model's upper 3x3
uniform mat4 u_view;
uniform mat4 u_projection;
// Metres a glyph is drawn nearer the eye along its own line of sight (same pixels, smaller
// depth): a needle's shaft under the skin then passes the depth test against the skin just in
// front of it, yet stays hidden behind the rest of the body. 0 for everything else.
uniform float u_pullTowardEye;
out vec3 v_viewPosition;
out vec3 v_viewNormal;
out float v_height;
out vec2 v_zoneMargin;
void main() {
  vec4 world = u_model * vec4(a_position, 1.0);
  vec4 viewPosition = u_view * world;
  v_viewPosition = viewPosition.xyz;
  v_viewNormal = mat3(u_view) * (u_normalMatrix * a_normal);
  v_height = world.y;
  v_zoneMargin = a_zoneMargin;
  float distance = max(length(viewPosition.xyz), 1e-6);
  vec3 pulled = viewPosition.xyz * max(1e-3, 1.0 - u_pullTowardEye / distance);
  gl_Position = u_projection * vec4(pulled, 1.0);
}
