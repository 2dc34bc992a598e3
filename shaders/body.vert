#version 330 core
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_zoneMargin;  // body only, when zones are painted (see body.frag)
uniform mat4 u_model;         // identity for the body (normalised on load); places glyphs
uniform mat3 u_normalMatrix;  // inverse transpose of u_model's upper 3x3
uniform mat4 u_view;
uniform mat4 u_projection;
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
  gl_Position = u_projection * viewPosition;
}
