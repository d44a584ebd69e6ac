{{%AUTOESCAPE context="HTML"}}
{{! GET /privacy : what is recorded, in plain words (DESIGN §6). }}
<h1>{{T_priv_title}}</h1>
<p>{{T_priv_intro}}</p>
<h2>{{T_priv_recorded}}</h2>
<p>{{T_priv_event}}</p>
<ul>
<li>{{T_priv_time}}</li>
<li>{{T_priv_item}}</li>
<li>{{T_priv_status}}</li>
<li>{{T_priv_class}}</li>
<li>{{T_priv_key}}</li>
</ul>
<p>{{T_priv_key_detail}}</p>
<p>{{T_priv_searches}}</p>
<h2>{{T_priv_use}}</h2>
<p>{{T_priv_use_detail}} <a href="{{INDICATORS_URL}}">{{T_nav_indicators}}</a></p>
<h2>{{T_priv_not}}</h2>
<ul>
<li>{{T_priv_no_cookies}}</li>
<li>{{T_priv_no_tracking}}</li>
<li>{{T_priv_no_third}}</li>
</ul>
